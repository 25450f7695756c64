/**
 * The digest of what the app shows (docs/protocols/app.md, "Transactions", step 1):
 * base64url(SHA-256(UTF-8 of JSON.stringify({ action, createdAt, id, level, serviceName, text })))
 * with the keys in exactly this order. The client computes it from the fields it shows and signs
 * its own, so an approval only ever covers the text shown here (as the PWA does). The text is
 * digested as received and shown, never normalised here: the server sends it in NFC already, and
 * a client that normalised would sign a text it did not show.
 */
import { sha256Base64url } from './base64url.ts';

export interface ShownFields {
  id: string;
  serviceName: string;
  action: string;
  text: string;
  level: string;
  createdAt: number;
}

export function shownDigest(f: ShownFields): string {
  return sha256Base64url(
    JSON.stringify({
      action: f.action,
      createdAt: f.createdAt,
      id: f.id,
      level: f.level,
      serviceName: f.serviceName,
      text: f.text,
    }),
  );
}
