/**
 * The NemID guessing counters (nemid_attempt_counters), in the database so every node sees them.
 * Two kinds (docs/protocols/nemid.md, "Password attempts"):
 * - lock counters (a user-ID, a trusted browser): every `perLock`-th failure blocks the counter
 *   for lockDurationMs (15 min doubling to 4 h); failures while blocked are not counted (they
 *   are refused before any password is checked); a day without a failure starts the count again;
 *   a completed login resets the counter it was counted on;
 * - window counters (an address, everything): `limit` failures within a fixed window block the
 *   counter until the window ends.
 * Each count is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent failures
 * each count once; the block is then set by a second UPDATE (only the failure that reached the
 * limit sets it).
 */
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../mitid/db/schema.ts';
import { lockDurationMs, nemidPolicy } from './nemidPolicy.ts';

export interface AttemptCounter {
  key: string;
  failures: number;
  windowStart: number;
  blockedUntil: number | null;
}

const T = 'nemid_attempt_counters';

export class AttemptCounterStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  async get(keys: readonly string[]): Promise<Map<string, AttemptCounter>> {
    const out = new Map<string, AttemptCounter>();
    if (keys.length === 0) return out;
    const rows = await this.#db.selectFrom(T).selectAll().where('counter_key', 'in', keys).execute();
    for (const r of rows) {
      out.set(r.counter_key, {
        key: r.counter_key,
        failures: Number(r.failures),
        windowStart: Number(r.window_start),
        blockedUntil: r.blocked_until === null ? null : Number(r.blocked_until),
      });
    }
    return out;
  }

  /** The latest time until which any of `keys` is blocked at `now`, or undefined. */
  async blockedUntil(keys: readonly string[], now: number): Promise<number | undefined> {
    let until: number | undefined;
    for (const c of (await this.get(keys)).values()) {
      if (c.blockedUntil !== null && c.blockedUntil > now) until = Math.max(until ?? 0, c.blockedUntil);
    }
    return until;
  }

  /**
   * Counts one failure on a lock counter; blocks it on every `perLock`-th. Returns the new count,
   * or undefined when the counter was blocked (nothing counted).
   */
  async countLock(key: string, now: number, perLock: number): Promise<number | undefined> {
    const quietSince = now - nemidPolicy.lockQuietResetMs;
    const row = await this.#db
      .insertInto(T)
      .values({ counter_key: key, failures: 1, window_start: now, blocked_until: null, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('counter_key')
          .doUpdateSet({
            failures: sql`CASE WHEN ${sql.ref(`${T}.updated_at`)} <= ${quietSince} THEN 1 ELSE ${sql.ref(`${T}.failures`)} + 1 END`,
            window_start: sql`CASE WHEN ${sql.ref(`${T}.updated_at`)} <= ${quietSince} THEN ${now} ELSE ${sql.ref(`${T}.window_start`)} END`,
            updated_at: now,
          })
          .where((eb) => eb.or([eb(`${T}.blocked_until`, 'is', null), eb(`${T}.blocked_until`, '<=', now)])),
      )
      .returning('failures')
      .executeTakeFirst();
    if (!row) return undefined;
    const failures = Number(row.failures);
    const lockFor = lockDurationMs(failures, perLock);
    if (lockFor > 0) {
      await this.#db
        .updateTable(T)
        .set({ blocked_until: now + lockFor })
        .where('counter_key', '=', key)
        .execute();
    }
    return failures;
  }

  /**
   * Counts one failure on a window counter; at `limit` failures in the window the counter is
   * blocked until the window ends. Returns the count within the current window.
   */
  async countWindow(key: string, now: number, limit: number, windowMs: number): Promise<number> {
    const windowOver = now - windowMs;
    const row = await this.#db
      .insertInto(T)
      .values({ counter_key: key, failures: 1, window_start: now, blocked_until: null, updated_at: now })
      .onConflict((oc) =>
        oc.column('counter_key').doUpdateSet({
          failures: sql`CASE WHEN ${sql.ref(`${T}.window_start`)} <= ${windowOver} THEN 1 ELSE ${sql.ref(`${T}.failures`)} + 1 END`,
          window_start: sql`CASE WHEN ${sql.ref(`${T}.window_start`)} <= ${windowOver} THEN ${now} ELSE ${sql.ref(`${T}.window_start`)} END`,
          updated_at: now,
        }),
      )
      .returning(['failures', 'window_start'])
      .executeTakeFirstOrThrow();
    const failures = Number(row.failures);
    if (failures >= limit) {
      await this.#db
        .updateTable(T)
        .set({ blocked_until: Number(row.window_start) + windowMs })
        .where('counter_key', '=', key)
        .execute();
    }
    return failures;
  }

  async reset(key: string): Promise<void> {
    await this.#db.deleteFrom(T).where('counter_key', '=', key).execute();
  }

  /** Deletes counters without a failure for a day and no block left; returns how many. */
  async purge(now: number): Promise<number> {
    const res = await this.#db
      .deleteFrom(T)
      .where('updated_at', '<', now - nemidPolicy.lockQuietResetMs)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
