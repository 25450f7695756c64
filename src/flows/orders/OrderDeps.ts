import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';

/** What the order functions need: the MitID database, the clock and randomness (injected). */
export interface OrderDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
}
