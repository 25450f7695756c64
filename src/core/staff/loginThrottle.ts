/**
 * Guessing limits of staff logins, counted in the database (every node sees them):
 * - per login (`l:` + SHA-256 of the normalised login, known or not): 5 wrong passwords → refused
 *   for 15 minutes, without a comparison;
 * - per client address (`a:` + the address): 30 wrong → 15 minutes, so one address cannot try a
 *   few passwords on every login of an office.
 * An attempt is counted before the password is compared (one INSERT … ON CONFLICT DO UPDATE …
 * RETURNING), so parallel attempts cannot pass a limit together; a right password sets the
 * counters back to 0. A count whose last failure is 15 minutes old, or whose block has ended,
 * starts again at 1.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../db/index.ts';

type ThrottleDb = MitidDb;

export const LOGIN_FAILURES_MAX = 5;
export const ADDRESS_FAILURES_MAX = 30;
export const BLOCK_MS = 15 * 60_000;

export const loginKey = (normalisedLogin: string): string =>
  `l:${createHash('sha256').update(normalisedLogin).digest('base64url')}`;
export const addressKey = (address: string): string => `a:${address}`;

export type Counted = { ok: true; failures: number } | { ok: false; until: number };

/** Counts one attempt of `key`; refused while blocked or once more than `max` are counted. */
export async function countAttempt(
  db: Kysely<ThrottleDb>,
  key: string,
  max: number,
  now: number,
): Promise<Counted> {
  const stale = sql<boolean>`(staff_login_counters.blocked_until is not null and staff_login_counters.blocked_until <= ${now})
    or (staff_login_counters.blocked_until is null and staff_login_counters.updated_at <= ${now - BLOCK_MS})`;
  const row = await db
    .insertInto('staff_login_counters')
    .values({ counter_key: key, failures: 1, blocked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('counter_key').doUpdateSet({
        failures: sql`case when ${stale} then 1 else staff_login_counters.failures + 1 end`,
        blocked_until: sql`case when ${stale} then null else staff_login_counters.blocked_until end`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
  const blockedUntil = row.blocked_until === null ? null : Number(row.blocked_until);
  if (blockedUntil !== null && blockedUntil > now) return { ok: false, until: blockedUntil };
  const failures = Number(row.failures);
  if (failures > max) return { ok: false, until: await block(db, key, now) };
  return { ok: true, failures };
}

/** After a wrong password: the count (already made) blocks the key once it reached `max`. */
export async function settleWrong(
  db: Kysely<ThrottleDb>,
  key: string,
  failures: number,
  max: number,
  now: number,
): Promise<void> {
  if (failures >= max) await block(db, key, now);
}

/** After a right password: the key's failures are forgotten (a block set meanwhile stays). */
export async function settleRight(db: Kysely<ThrottleDb>, key: string, now: number): Promise<void> {
  await db
    .updateTable('staff_login_counters')
    .set({ failures: 0, updated_at: now })
    .where('counter_key', '=', key)
    .where('blocked_until', 'is', null)
    .execute();
}

/** Sets the block once (conditional on none), and answers the block's end. */
async function block(db: Kysely<ThrottleDb>, key: string, now: number): Promise<number> {
  await db
    .updateTable('staff_login_counters')
    .set({ blocked_until: now + BLOCK_MS })
    .where('counter_key', '=', key)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
  const row = await db
    .selectFrom('staff_login_counters')
    .select('blocked_until')
    .where('counter_key', '=', key)
    .executeTakeFirst();
  return Number(row?.blocked_until ?? now + BLOCK_MS);
}
