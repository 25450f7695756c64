/**
 * NemID credentials at login. Rules enforced here:
 * - a wrong attempt counts only while the credential is not locked (a lock cannot be extended by
 *   hammering it); every 5th wrong attempt in a row locks it (lockDurationMs: 15 min doubling to
 *   4 h, never for good);
 * - the count is one atomic UPDATE … RETURNING, so concurrent wrong attempts each count once;
 * - a completed login (password and key code) resets the count and lifts the lock.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../mitid/db/schema.ts';
import { lockDurationMs } from './nemidPolicy.ts';

export interface NemidCredential {
  cpr: string;
  userId: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: number | null;
}

export async function findCredential(
  db: Kysely<MitidDb>,
  userIdNorm: string,
): Promise<NemidCredential | undefined> {
  const row = await db
    .selectFrom('nemid_credentials')
    .select(['cpr', 'user_id', 'password_hash', 'failed_attempts', 'locked_until'])
    .where('user_id_norm', '=', userIdNorm)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    cpr: row.cpr,
    userId: row.user_id,
    passwordHash: row.password_hash,
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  };
}

export const isLocked = (c: Pick<NemidCredential, 'lockedUntil'>, now: number): boolean =>
  c.lockedUntil !== null && c.lockedUntil > now;

/** Counts one wrong attempt (password or key code) unless locked; locks on every 5th. */
export async function recordFailedAttempt(db: Kysely<MitidDb>, cpr: string, now: number): Promise<void> {
  const row = await db
    .updateTable('nemid_credentials')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('cpr', '=', cpr)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  const lockFor = row ? lockDurationMs(Number(row.failed_attempts)) : 0;
  if (lockFor > 0) {
    await db
      .updateTable('nemid_credentials')
      .set({ locked_until: now + lockFor })
      .where('cpr', '=', cpr)
      .execute();
  }
}

export async function resetFailedAttempts(db: Kysely<MitidDb>, cpr: string): Promise<void> {
  await db
    .updateTable('nemid_credentials')
    .set({ failed_attempts: 0, locked_until: null })
    .where('cpr', '=', cpr)
    .execute();
}
