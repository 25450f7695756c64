/**
 * NemID's sweep hook (src/roots/mitid/sweep.ts composes every module's): expired login flows, and
 * attempt counters quiet for a day with no lock left.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { AttemptCounterStore } from './attemptCounters.ts';
import { NemidLoginStore } from './loginStore.ts';

export async function sweepNemid(db: Kysely<MitidDb>, now: number): Promise<Record<string, number>> {
  return {
    nemidLogins: await new NemidLoginStore(db).purgeExpired(now),
    nemidAttemptCounters: await new AttemptCounterStore(db).purge(now),
  };
}
