/** Binary values on the wire are base64url without padding (docs/protocols/app.md). */
import { createHash } from 'node:crypto';

export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

/** base64url(SHA-256(data)); strings are hashed as their UTF-8 bytes. */
export function sha256Base64url(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64url');
}
