/** base64url without padding, as every binary value of the app protocol is written. */
import { createHash } from 'node:crypto';

const pattern = /^[A-Za-z0-9_-]*$/;

export function isBase64url(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && pattern.test(value);
}

export const sha256b64u = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('base64url');
