/**
 * Child process of IdentityStore.race.test.ts: opens the given database (its own connection, as a
 * second server process would), says "ready", waits for "go" on stdin, then creates one identity
 * and prints the outcome as JSON: {"ok":true} or {"ok":false,"reason":…}.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { nemidReservation } from '../../../flows/nemid/index.ts';
import { openDatabase } from '../../../platform/db/database.ts';
import type { MitidDb } from '../../db/index.ts';
import { IdentityError } from '../IdentityError.ts';
import { IdentityStore } from '../IdentityStore.ts';

const [url = '', dataDir = '', name = '', cpr = '', userId = '', now = '0'] = process.argv.slice(2);
const database = await openDatabase<MitidDb>({ url, dataDir, name, poolSize: 1 });
const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
process.stdin.setEncoding('utf8');
process.stdout.write('ready\n');
let input = '';
while (!input.includes('go')) {
  const [chunk] = (await once(process.stdin, 'data')) as [string];
  input += chunk;
}
let outcome: { ok: boolean; reason?: string };
try {
  await store.createIdentity(
    {
      cpr,
      userId,
      contacts: [{ channel: 'mobile', value: `+4520${cpr.slice(4)}`, confirmedAt: Number(now) }],
    },
    Number(now),
    randomUUID(),
  );
  outcome = { ok: true };
} catch (err) {
  if (!(err instanceof IdentityError)) throw err;
  outcome = { ok: false, reason: err.reason };
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await database.close();
process.stdin.destroy();
