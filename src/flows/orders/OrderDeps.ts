import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import type { SerialSource } from './SerialSource.ts';

/**
 * What the order functions need: the MitID database, the clock and randomness (injected), and
 * the stock the serials come from. Without `serials` (a caller that only places and reads orders,
 * as the wizard) there is no stock: a code device cannot be shipped (`outOfStock`).
 */
export interface OrderDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  serials?: SerialSource;
}
