/**
 * What the approval signature says about the PIN: base64url(SHA-256(the OPAQUE session key's
 * bytes)) after a PIN check, `uv` after biometrics, `-` when none was made. The session key
 * itself never leaves either side; both compute the same hash from their own copy.
 */
import { sha256b64u } from './base64url.ts';

export const NO_PIN = '-';
export const BIOMETRICS = 'uv';

export function pinProof(sessionKey: string): string {
  return sha256b64u(Buffer.from(sessionKey, 'base64url'));
}
