/**
 * The NemID guessing counters (nemid_attempt_counters), in the database so every node sees them.
 * Two kinds (docs/protocols/nemid.md, "Password attempts"):
 * - lock counters (a user-ID, a trusted browser): every `perLock`-th failure blocks the counter
 *   for lockDurationMs (15 min doubling to 4 h); failures while blocked are not counted (they
 *   are refused before any password is checked); a day without a failure starts the count again;
 *   a completed login resets the counter it was counted on;
 * - window counters (an address, everything): `limit` failures within a fixed window block the
 *   counter until the window ends.
 * An attempt is counted when it starts, before its password is compared (a claim), so a burst of
 * parallel guesses gets no more comparisons than the limit; a right password then refunds its
 * claim. Each claim is one INSERT … ON CONFLICT DO UPDATE … WHERE (not blocked) … RETURNING and
 * the UPDATE that sets the block, in one transaction: concurrent claims each count once, and none
 * slips in between the claim that reached the limit and its block (on PostgreSQL the row stays
 * locked until commit; SQLite has one writer).
 */
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { lockDurationMs, nemidPolicy } from './nemidPolicy.ts';

export interface AttemptCounter {
  key: string;
  failures: number;
  windowStart: number;
  blockedUntil: number | null;
}

/** A counted attempt, to refund if its password turns out right. */
export interface AttemptClaim {
  key: string;
  failures: number;
  /** The block this claim set (it reached the limit), lifted again by a refund. */
  blockSet: number | null;
  /** Window counters: the window the claim counted in. */
  windowStart?: number;
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
   * Counts one attempt on a lock counter; blocks it on every `perLock`-th. Returns the claim, or
   * undefined when the counter was blocked (nothing counted).
   */
  async countLock(key: string, now: number, perLock: number): Promise<AttemptClaim | undefined> {
    const quietSince = now - nemidPolicy.lockQuietResetMs;
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
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
            .where((eb) =>
              eb.or([eb(`${T}.blocked_until`, 'is', null), eb(`${T}.blocked_until`, '<=', now)]),
            ),
        )
        .returning('failures')
        .executeTakeFirst();
      if (!row) return undefined;
      const failures = Number(row.failures);
      const lockFor = lockDurationMs(failures, perLock);
      const blockSet = lockFor > 0 ? now + lockFor : null;
      if (blockSet !== null) {
        await trx.updateTable(T).set({ blocked_until: blockSet }).where('counter_key', '=', key).execute();
      }
      return { key, failures, blockSet };
    });
  }

  /**
   * Counts one attempt on a window counter, unless `limit` attempts were counted in the window
   * already (then undefined, nothing counted); the `limit`-th blocks it until the window ends.
   */
  async countWindow(
    key: string,
    now: number,
    limit: number,
    windowMs: number,
  ): Promise<AttemptClaim | undefined> {
    const windowOver = now - windowMs;
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto(T)
        .values({ counter_key: key, failures: 1, window_start: now, blocked_until: null, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('counter_key')
            .doUpdateSet({
              failures: sql`CASE WHEN ${sql.ref(`${T}.window_start`)} <= ${windowOver} THEN 1 ELSE ${sql.ref(`${T}.failures`)} + 1 END`,
              window_start: sql`CASE WHEN ${sql.ref(`${T}.window_start`)} <= ${windowOver} THEN ${now} ELSE ${sql.ref(`${T}.window_start`)} END`,
              blocked_until: sql`CASE WHEN ${sql.ref(`${T}.window_start`)} <= ${windowOver} THEN NULL ELSE ${sql.ref(`${T}.blocked_until`)} END`,
              updated_at: now,
            })
            .where((eb) =>
              eb.or([eb(`${T}.window_start`, '<=', windowOver), eb(`${T}.failures`, '<', limit)]),
            ),
        )
        .returning(['failures', 'window_start'])
        .executeTakeFirst();
      if (!row) return undefined;
      const failures = Number(row.failures);
      const windowStart = Number(row.window_start);
      const blockSet = failures >= limit ? windowStart + windowMs : null;
      if (blockSet !== null) {
        await trx.updateTable(T).set({ blocked_until: blockSet }).where('counter_key', '=', key).execute();
      }
      return { key, failures, blockSet, windowStart };
    });
  }

  /** Takes back a claim (its password was right): one failure less, and the block it set lifted. */
  async refund(claim: AttemptClaim): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      let dec = trx
        .updateTable(T)
        .set((eb) => ({ failures: eb(`${T}.failures`, '-', 1) }))
        .where('counter_key', '=', claim.key)
        .where('failures', '>', 0);
      if (claim.windowStart !== undefined) dec = dec.where('window_start', '=', claim.windowStart);
      await dec.execute();
      if (claim.blockSet !== null) {
        await trx
          .updateTable(T)
          .set({ blocked_until: null })
          .where('counter_key', '=', claim.key)
          .where('blocked_until', '=', claim.blockSet)
          .execute();
      }
    });
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
