/**
 * Fixed-window counters in the database, for the limits that protect a credential or a client
 * (per device, per client): every node counts in the same row, so a limit holds however many
 * nodes serve the traffic. Rules:
 * - a hit is counted before the work it limits, in one statement (INSERT … ON CONFLICT DO UPDATE
 *   … RETURNING, on SQLite and PostgreSQL alike), so parallel hits cannot pass the limit together;
 * - a window is `windowMs` long and aligned to multiples of it; the first hit over `max` in a
 *   window is refused and so is every later one until the window ends (fixed windows let at most
 *   2 × max through across a boundary: the numbers are chosen with that in mind);
 * - rows are kept until their window has ended (purgeExpired, from housekeeping).
 * The hit runs on every call it guards: its query is precompiled (src/platform/db/precompiled.ts).
 */
import { type Kysely, sql } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { RateCountersTable } from '../db/tables.ts';

export interface RateCountersDb {
  rate_counters: RateCountersTable;
}

const countHit = precompile<
  RateCountersDb,
  { scope: string; key: string; windowStart: number; expiresAt: number },
  { hits: number }
>((db, p) =>
  db
    .insertInto('rate_counters')
    .values({
      scope: p('scope'),
      key: p('key'),
      window_start: p('windowStart'),
      hits: 1,
      expires_at: p('expiresAt'),
    })
    .onConflict((oc) =>
      oc.columns(['scope', 'key', 'window_start']).doUpdateSet({ hits: sql`rate_counters.hits + 1` }),
    )
    .returning('hits'),
);

export type Hit = { ok: true; hits: number } | { ok: false; hits: number; retryAfterMs: number };

export class RateCounters {
  readonly #db: Kysely<RateCountersDb>;
  /** Any database with the rate_counters table (Kysely's types are invariant in the schema). */
  constructor(db: Kysely<RateCountersDb> | { withTables: unknown }) {
    this.#db = db as Kysely<RateCountersDb>;
  }

  /** Counts one hit of `key` in `scope` at `now`; refused once the window holds more than `max`. */
  async hit(scope: string, key: string, max: number, windowMs: number, now: number): Promise<Hit> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const row = await countHit.takeFirst(this.#db, {
      scope,
      key,
      windowStart,
      expiresAt: windowStart + windowMs,
    });
    if (!row) throw new Error('rate_counters: the hit returned no row');
    const hits = Number(row.hits);
    return hits <= max ? { ok: true, hits } : { ok: false, hits, retryAfterMs: windowStart + windowMs - now };
  }

  /**
   * Takes back one hit counted at `at` (same scope, key and window length): for a limit on what
   * turns out wrong, counted before the comparison so parallel tries cannot pass it together.
   */
  async refund(scope: string, key: string, windowMs: number, at: number): Promise<void> {
    await this.#db
      .updateTable('rate_counters')
      .set({ hits: sql`rate_counters.hits - 1` })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('window_start', '=', Math.floor(at / windowMs) * windowMs)
      .where('hits', '>', 0)
      .execute();
  }

  /** Deletes the counters whose window ended before `now`; returns how many. */
  async purgeExpired(now: number): Promise<number> {
    const r = await this.#db.deleteFrom('rate_counters').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
