import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import type { Random } from '../platform/random.ts';
import type { Config } from './config.ts';
import type { Secrets } from './secrets.ts';

/** What a service is built from. Tests pass a frozen clock, a temp database and a log sink. */
export interface ServiceDeps<DB> {
  config: Config;
  /** This service's keys (src/config/secrets.ts): from the key store at start; fixed ones in tests. */
  secrets: Secrets;
  db: Kysely<DB>;
  clock: Clock;
  random: Random;
  logger?: Logger;
}
