/**
 * The numbers of the NemID login (docs/protocols/nemid.md), in one place so tests and docs can
 * name them.
 */
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';

export const nemidPolicy = {
  /** A login flow lives this long from /nemid/authorize. */
  flowTtlMs: 10 * MINUTE,
  /** The authorization code lives this long from the key-code step, and works once. */
  codeTtlMs: 60_000,
  /** The 3rd wrong key code fails the flow (the person starts again). */
  maxKeycodeAttempts: 3,
  /**
   * Guessing limits (docs/protocols/nemid.md, "Password attempts"). Untrusted attempts (from a
   * browser without a valid device cookie for the user-ID) count per user-ID, per address and
   * globally; a trusted browser's count only on its own device cookie. A limit reached means the
   * attempts it covers are refused, without checking the password, until the time shown.
   */
  /** Untrusted failures for one user-ID (known or not) per lock: every 5th locks the user-ID. */
  attemptsPerLock: 5,
  /** First lock; each further lock doubles it, up to lockMaxMs. Never permanent. */
  lockBaseMs: 15 * MINUTE,
  lockMaxMs: 4 * HOUR,
  /** A user-ID or device counter without a failure for this long starts again from 0. */
  lockQuietResetMs: DAY,
  /** Failures from one trusted browser for its user-ID per lock of that browser's trust. */
  deviceAttemptsPerLock: 5,
  /** Untrusted failures from one address in a window, then the address waits for the window's end. */
  addressFailuresPerWindow: 30,
  addressWindowMs: HOUR,
  /** Untrusted failures from everywhere in a window, then every untrusted attempt waits. */
  globalFailuresPerWindow: 3000,
  globalWindowMs: HOUR,
  /** A device cookie is valid this long from the login that issued it. */
  deviceCookieMaxAgeMs: 180 * DAY,
  /** User-IDs one browser's device cookie remembers (the most recent logins). */
  deviceCookieMaxEntries: 5,
  /** Longest value accepted in any form field (longer input is refused before any work). */
  maxFieldLength: 200,
  /** One-time codes on a new key card. */
  codesPerCard: 48,
} as const;

/**
 * Lock duration of a user-ID or device counter after `failedAttempts` counted failures, or 0 when
 * that count does not trigger a lock: with 5 per lock, 5 → 15 min, 10 → 30 min, 15 → 1 h,
 * 20 → 2 h, 25 and on → 4 h.
 */
export function lockDurationMs(
  failedAttempts: number,
  attemptsPerLock: number = nemidPolicy.attemptsPerLock,
): number {
  const { lockBaseMs, lockMaxMs } = nemidPolicy;
  if (failedAttempts <= 0 || failedAttempts % attemptsPerLock !== 0) return 0;
  const lockNo = failedAttempts / attemptsPerLock;
  // 2^(lockNo-1) stops growing long before it could overflow: the cap is reached at lock 5.
  return Math.min(lockBaseMs * 2 ** Math.min(lockNo - 1, 16), lockMaxMs);
}
