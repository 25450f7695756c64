/**
 * The codes' sweep hook (src/roots/mitid/sweep.ts composes every module's): one-time codes are
 * kept a day past expiry, so a late attempt still hears "expired" rather than "not found".
 */
import type { Kysely } from 'kysely';
import { type Clock, DAY } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import type { MitidDb } from '../db/index.ts';
import { OneTimeCodes } from './oneTimeCode.ts';

export async function sweepCodes(
  deps: { db: Kysely<MitidDb>; clock: Clock; random: Random },
  now: number,
): Promise<Record<string, number>> {
  // The key only matters for creating and checking codes; deleting by expiry needs none.
  const codes = new OneTimeCodes({ ...deps, key: Buffer.alloc(32) });
  return { oneTimeCodes: await codes.purgeExpired(now - DAY) };
}
