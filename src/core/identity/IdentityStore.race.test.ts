/**
 * Abuse case: people racing for one user-ID (issue 3: "unique without regard to case, also when
 * two people pick the same one at the same moment"). The unique index on user_id_norm decides:
 * exactly one wins, every other gets userIdTaken, and no half-written identity is left behind.
 *
 * - In one process: PostgreSQL runs the calls on separate pooled connections; SQLite serialises
 *   them on its one connection.
 * - In separate processes, each with its own connection, started together: on SQLite that is
 *   several handles on one file. (Two handles inside one process cannot stand in for this:
 *   node:sqlite is synchronous, so a handle waiting for the other's write lock blocks the very
 *   thread that would release it, and gives "database is locked" after busy_timeout.)
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { dialectsUnderTest, type TestDatabase } from '../../platform/db/testDb.ts';
import type { MitidDb } from '../db/index.ts';
import { IdentityError } from './IdentityError.ts';
import { IdentityStore } from './IdentityStore.ts';
import { count, orphanContacts, T0, withIdentityDb } from './testing/identityFixtures.ts';

const N = 8;
/** Case variants of one user-ID (æøå included): all the same user-ID. */
const variants = ['Jørgen.Åby', 'JØRGEN.ÅBY', 'jørgen.åby', 'jØrGeN.åBy'];
const variant = (i: number): string => variants[i % variants.length] as string;
const mobile = (i: number) => [{ channel: 'mobile' as const, value: `+452000${1000 + i}`, confirmedAt: T0 }];

function outcomes(results: PromiseSettledResult<unknown>[]): string[] {
  return results.map((r) => {
    if (r.status === 'fulfilled') return 'ok';
    if (r.reason instanceof IdentityError) return r.reason.reason;
    throw r.reason;
  });
}

async function assertOneWinner(database: TestDatabase<MitidDb>, results: string[]): Promise<void> {
  assert.equal(results.filter((r) => r === 'ok').length, 1, results.join());
  assert.ok(
    results.every((r) => r === 'ok' || r === 'userIdTaken'),
    results.join(),
  );
  assert.equal(await count(database.db, 'identities'), 1);
  assert.equal(await count(database.db, 'identity_contacts'), 1, 'only the winner’s contact');
  assert.equal(await orphanContacts(database.db), 0);
}

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'createIdentityChild.ts');

interface Racer {
  ready: Promise<void>;
  outcome: Promise<{ ok: boolean; reason?: string }>;
  go(): void;
}

function startRacer(database: TestDatabase<MitidDb>, cpr: string, userId: string): Racer {
  const dataDir = database.dialect === 'sqlite' ? database.where : '';
  const proc = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      child,
      database.url,
      dataDir,
      database.name,
      cpr,
      userId,
      String(T0),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  proc.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.includes('ready\n')) markReady();
  });
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const outcome = new Promise<{ ok: boolean; reason?: string }>((resolve, reject) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`racer ${cpr} ended with ${code}: ${out} ${err}`));
    });
  });
  // A racer that dies before "ready" must not leave the test waiting.
  outcome.catch(() => markReady());
  return { ready, outcome, go: () => proc.stdin.end('go\n') };
}

for (const dialect of await dialectsUnderTest()) {
  describe(`racing for one user-ID on ${dialect}`, () => {
    test(`${N} people, one process, the same moment: one wins, the rest are told it is taken`, () =>
      withIdentityDb(dialect, N, async (database, cprs) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const results = await Promise.allSettled(
          cprs.map((cpr, i) =>
            store.createIdentity({ cpr, userId: variant(i), contacts: mobile(i) }, T0, randomUUID()),
          ),
        );
        await assertOneWinner(database, outcomes(results));
      }));

    test('4 people in 4 processes, each with its own connection: one wins', () =>
      withIdentityDb(dialect, 4, async (database, cprs) => {
        const racers = cprs.map((cpr, i) => startRacer(database, cpr, variant(i)));
        await Promise.all(racers.map((r) => r.ready));
        for (const r of racers) r.go();
        const results = await Promise.all(racers.map((r) => r.outcome));
        await assertOneWinner(
          database,
          results.map((r) => (r.ok ? 'ok' : (r.reason ?? '?'))),
        );
      }));

    test('two changes of user-ID to the same one at once: one wins', () =>
      withIdentityDb(dialect, 2, async (database, [a = '', b = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const ia = await store.createIdentity(
          { cpr: a, userId: 'anna.first', contacts: [] },
          T0,
          randomUUID(),
        );
        const ib = await store.createIdentity(
          { cpr: b, userId: 'bent.first', contacts: [] },
          T0,
          randomUUID(),
        );
        const results = outcomes(
          await Promise.allSettled([
            store.changeUserId(ia.id, 'Fælles.Navn', T0 + 1),
            store.changeUserId(ib.id, 'FÆLLES.NAVN', T0 + 1),
          ]),
        );
        assert.deepEqual([...results].sort(), ['ok', 'userIdTaken']);
        const holders = [await store.getById(ia.id), await store.getById(ib.id)].map((x) => x?.userId);
        assert.equal(holders.filter((u) => u?.toLowerCase() === 'fælles.navn').length, 1);
      }));

    test('the same person twice at once (double click): one identity, the other is told they have one', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const results = outcomes(
          await Promise.allSettled([
            store.createIdentity({ cpr, userId: 'first.choice', contacts: mobile(0) }, T0, randomUUID()),
            store.createIdentity({ cpr, userId: 'second.choice', contacts: mobile(0) }, T0, randomUUID()),
          ]),
        );
        assert.deepEqual([...results].sort(), ['alreadyHasMitid', 'ok']);
        assert.equal(await count(database.db, 'identities'), 1);
        assert.equal(await count(database.db, 'identity_contacts'), 1);
      }));
  });
}
