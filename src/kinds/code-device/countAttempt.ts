/**
 * The SQL of counting a code attempt before comparing it (decision 0014 §3), shared by the login
 * (code_devices, two counters) and the activation (the stock row, one counter). One conditional
 * UPDATE admits the attempt only while its counter is not slowed and counts it as wrong at once;
 * the third in a row slows the counter already (60 s, doubling, at most 15 min: slowdown.ts), so a
 * crash or a parallel post between counting and comparing never gets a free try. A right code
 * then resets the counter by another conditional UPDATE.
 */
import { type RawBuilder, sql } from 'kysely';
import { MAX_SLOW_MS, slowMs, WRONG_PER_ROUND } from './slowdown.ts';

/** `slowMs(rounds)` as SQL over the column `rounds` (numbers from slowdown.ts, no parameters). */
function slowSql(rounds: string): RawBuilder<number> {
  const cases: string[] = [];
  for (let r = 0; slowMs(r) < MAX_SLOW_MS; r++) cases.push(`when ${r} then ${slowMs(r)}`);
  return sql.raw(`(case ${rounds} ${cases.join(' ')} else ${MAX_SLOW_MS} end)`);
}

/** The SET expressions that count one wrong attempt on the counter `failures`/`rounds`/`blocked_until`. */
export function countedColumns(
  c: { failures: string; rounds: string; blockedUntil: string },
  now: number,
): { failures: RawBuilder<number>; rounds: RawBuilder<number>; blockedUntil: RawBuilder<number | null> } {
  const f = sql.raw(c.failures);
  const third = sql`${f} + 1 >= ${sql.lit(WRONG_PER_ROUND)}`;
  return {
    failures: sql<number>`(case when ${third} then 0 else ${f} + 1 end)`,
    rounds: sql<number>`(case when ${third} then ${sql.raw(c.rounds)} + 1 else ${sql.raw(c.rounds)} end)`,
    blockedUntil: sql<
      number | null
    >`(case when ${third} then cast(${now} as bigint) + ${slowSql(c.rounds)} else ${sql.raw(c.blockedUntil)} end)`,
  };
}

/** How many wrong codes are left before the counter is slowed, after `failures` (post-count). */
export const leftAfter = (failures: number): number => WRONG_PER_ROUND - failures;
