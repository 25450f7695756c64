/**
 * The digest of what a transaction shows: base64url(SHA-256(UTF-8 of the canonical JSON)), where
 * the canonical JSON is JSON.stringify of an object with exactly these keys in this (sorted)
 * order: action, createdAt, id, level, serviceName, text. No whitespace; JSON.stringify's
 * escaping, so non-ASCII letters such as æ ø å are written as themselves. The texts are the
 * stored ones, NFC-normalised when the service sent them (checkPersonText), which are also the ones
 * the app is sent and shows: the apps digest what they show without normalising again.
 */
import { createHash } from 'node:crypto';

const sha256b64u = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64url');

export interface DigestFields {
  id: string;
  serviceName: string;
  action: string;
  text: string;
  level: string;
  createdAt: number;
}

export function canonicalTransactionJson(f: DigestFields): string {
  return JSON.stringify({
    action: f.action,
    createdAt: f.createdAt,
    id: f.id,
    level: f.level,
    serviceName: f.serviceName,
    text: f.text,
  });
}

export function transactionDigest(f: DigestFields): string {
  return sha256b64u(Buffer.from(canonicalTransactionJson(f), 'utf8'));
}
