/**
 * Client secrets are kept only as a keyed hash (docs/decisions/0010 §2.1):
 *   base64url(HMAC-SHA-256(clientSecretKey, client_id ‖ 0x00 ‖ secret))
 * under a key derived from the MitID service's server secret, which lives in the key store
 * encrypted under the key-encryption key: a copied table is useless without that key, and a check
 * costs microseconds (a client calls on every request; Argon2's 50 ms would be a denial of service
 * on ourselves). The client id in the input makes the same secret hash differently per client.
 * Secrets are random (32 bytes from ClientAdmin, 32+ characters from the settings), so a fast
 * hash is not a guessing aid.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveSubkey } from '../../platform/keys/deriveSubkey.ts';
import { decryptKey, encryptKey } from '../../platform/keys/keyEncryption.ts';

/** clientSecretKey = HKDF-SHA-256(server secret, info "open-mitid client secret"). */
export function deriveClientSecretKey(serverSecret: string): Buffer {
  return deriveSubkey(serverSecret, 'open-mitid client secret');
}

/** The 32-byte HMAC of the client id and secret. */
export function clientSecretMac(key: Buffer, clientId: string, secret: string): Buffer {
  return createHmac('sha256', key)
    .update(clientId, 'utf8')
    .update(Buffer.of(0))
    .update(secret, 'utf8')
    .digest();
}

/** What the table keeps. */
export function clientSecretHash(key: Buffer, clientId: string, secret: string): string {
  return clientSecretMac(key, clientId, secret).toString('base64url');
}

/** Constant-time equality of two 32-byte MACs (a stored hash of another length never matches). */
export function sameMac(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Secrets shorter than this are refused (BANK_CLIENT_SECRET's rule, and ClientAdmin's). */
export const MIN_SECRET_LENGTH = 32;

/**
 * An OpenID Connect client's secret is also kept sealed (AES-256-GCM, the client id as associated
 * data) under a key derived from clientSecretKey: HS256 request objects are keyed with the secret
 * itself, which a hash cannot give back. The sealed copy is as safe as the hash (the same key
 * opens it, and that key lives only in the key store under the key-encryption key); clients of no
 * dialect (the registration-authority and transaction APIs) keep only the hash.
 */
const sealKey = (key: Buffer): Buffer =>
  deriveSubkey(key.toString('base64url'), 'open-mitid client secret seal');

export function sealClientSecret(key: Buffer, clientId: string, secret: string): string {
  return encryptKey(sealKey(key), `client-secret\n${clientId}`, 0, secret);
}

/** The secret, or undefined when the sealed text is not this client's under this key. */
export function openClientSecret(key: Buffer, clientId: string, sealed: string): string | undefined {
  return decryptKey(sealKey(key), `client-secret\n${clientId}`, 0, sealed);
}
