/**
 * ECDSA P-256 with SHA-256 over a UTF-8 string, the signature in IEEE P1363 form (r‖s, 64
 * bytes) as WebCrypto makes it. False for anything that does not verify, never a throw.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { PublicJwk } from './parsePublicJwk.ts';

export function verifyEcdsa(publicJwk: PublicJwk, message: string, signatureB64u: string): boolean {
  try {
    const signature = Buffer.from(signatureB64u, 'base64url');
    if (signature.length !== 64) return false;
    const key = createPublicKey({ key: { ...publicJwk }, format: 'jwk' });
    return verify('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
