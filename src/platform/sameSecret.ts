/**
 * Constant-time equality of two secrets (codes, states, client secrets, binding hashes): their
 * SHA-256 digests are compared with timingSafeEqual, so neither the content nor the length of the
 * expected value shows in the time taken.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
