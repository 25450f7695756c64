/**
 * Child process of createNemidIdentity.crash.test.ts: starts creating Anna's NemID in the given
 * database and, inside the transaction after the step named in argv, says so and waits to be
 * killed.
 */
import type { MitidDb } from '../../../core/db/index.ts';
import { systemClock } from '../../../platform/clock.ts';
import { openDatabase } from '../../../platform/db/database.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { createNemidIdentity } from '../createNemidIdentity.ts';

const [url = '', dataDir = '', name = '', pauseAt = ''] = process.argv.slice(2);
const database = await openDatabase<MitidDb>({ url, dataDir, name });
await createNemidIdentity(
  database.db,
  cryptoRandom,
  systemClock,
  { cpr: '0101901234', userId: 'Anna90', password: 'Hemmelig-2026' },
  async (step) => {
    if (step !== pauseAt) return;
    process.stdout.write(`paused after ${step}\n`);
    await new Promise(() => {}); // until SIGKILL
  },
);
process.stdout.write('finished\n');
await database.close();
