/**
 * Slowing down the guessing of user-IDs (decision 0012 §3 step 3). Every start in the box counts
 * against its normalised user-ID in the database (RateCounters, so every node counts in one row);
 * after `max` starts in a window each further start waits `delayMs` before it is answered. Never a
 * refusal: a stranger typing the owner's user-ID must not lock the owner out of their own login,
 * and known and unknown user-IDs count, and wait, alike. The key is an HMAC of the user-ID with a
 * key derived from the server secret (as NemID's counters), so the counters table holds no user-ID
 * and cannot be matched against a list of guesses without the key.
 */
import { createHmac } from 'node:crypto';
import { normaliseUserId } from '../../../core/identity/index.ts';
import { RateCounters } from '../../../platform/http/RateCounters.ts';
import { deriveSubkey } from '../../../platform/keys/deriveSubkey.ts';

export interface GuessingLimit {
  /** Starts per user-ID and window before each further one is slowed. */
  max: number;
  windowMs: number;
  /** How long a slowed start waits (a few seconds). */
  delayMs: number;
}

export const DEFAULT_GUESSING: GuessingLimit = { max: 5, windowMs: 15 * 60_000, delayMs: 3000 };
export const GUESSING_SCOPE = 'login-box-user-id';

export const GUESSING_KEY_PURPOSE = 'mitid login-box user-id counter v1';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The key of the code step's decoy reference (decision 0014 §4 As built), not the counter's. */
export const DECOY_KEY_PURPOSE = 'mitid login-box decoy device v1';

/**
 * The decoy reference of a typed user-ID (kept on the authentication at create, known or not): an
 * HMAC of the normalised user-ID under its own derived key, so a user-ID without a code device
 * meets the same decoy device, and its count, in every login.
 */
export function decoyRefs(serverSecret: string): (userId: string) => string {
  const key = deriveSubkey(serverSecret, DECOY_KEY_PURPOSE);
  return (userId) => createHmac('sha256', key).update(normaliseUserId(userId), 'utf8').digest('base64url');
}

export function guessingSlowdown(
  db: ConstructorParameters<typeof RateCounters>[0],
  serverSecret: string,
  limit: GuessingLimit,
) {
  const counters = new RateCounters(db);
  const key = deriveSubkey(serverSecret, GUESSING_KEY_PURPOSE);
  const keyOf = (userId: string): string =>
    createHmac('sha256', key).update(normaliseUserId(userId), 'utf8').digest('base64url');
  /** Counts the start; resolves when it may go on (at once, or after the delay). True: it was slowed. */
  return async (userId: string, now: number): Promise<boolean> => {
    const hit = await counters.hit(GUESSING_SCOPE, keyOf(userId), limit.max, limit.windowMs, now);
    if (hit.ok) return false;
    await sleep(limit.delayMs);
    return true;
  };
}
