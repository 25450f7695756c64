/**
 * The numbers of the NemID login (docs/protocols/nemid.md), in one place so tests and docs can
 * name them.
 */
import { HOUR, MINUTE } from '../platform/clock.ts';

export const nemidPolicy = {
  /** A login flow lives this long from /nemid/authorize. */
  flowTtlMs: 10 * MINUTE,
  /** The authorization code lives this long from the key-code step, and works once. */
  codeTtlMs: 60_000,
  /** The 3rd wrong key code fails the flow (the person starts again). */
  maxKeycodeAttempts: 3,
  /** Wrong passwords in a row before the credential is locked. */
  attemptsPerLock: 5,
  /** First lock; each further lock doubles it, up to lockMaxMs. Never permanent. */
  lockBaseMs: 15 * MINUTE,
  lockMaxMs: 4 * HOUR,
  /** Longest value accepted in any form field (longer input is refused before any work). */
  maxFieldLength: 200,
  /** One-time codes on a new key card. */
  codesPerCard: 48,
  /** Per-IP rate limits (requests per minute). The token endpoint is called by the bank's server. */
  loginPostsPerMinute: 30,
  authorizePerMinute: 60,
  tokenPerMinute: 600,
} as const;

/**
 * Lock duration after `failedAttempts` wrong attempts in a row, or 0 when that count does not
 * trigger a lock: 5 → 15 min, 10 → 30 min, 15 → 1 h, 20 → 2 h, 25 and on → 4 h.
 */
export function lockDurationMs(failedAttempts: number): number {
  const { attemptsPerLock, lockBaseMs, lockMaxMs } = nemidPolicy;
  if (failedAttempts <= 0 || failedAttempts % attemptsPerLock !== 0) return 0;
  const lockNo = failedAttempts / attemptsPerLock;
  // 2^(lockNo-1) stops growing long before it could overflow: the cap is reached at lock 5.
  return Math.min(lockBaseMs * 2 ** Math.min(lockNo - 1, 16), lockMaxMs);
}
