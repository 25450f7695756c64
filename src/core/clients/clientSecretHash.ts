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
