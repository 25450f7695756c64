/**
 * The delivery worker of the outbox, on SQLite and PostgreSQL: a message is delivered only after
 * its transaction commits, never when it rolls back; rows queued while no worker ran are
 * delivered at start; two workers (two nodes) on one database deliver each message once; a
 * crashed worker's lease runs out and the message is delivered by another.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import { LEASE_MS } from './createDeliveryWorker.ts';
import { createNotifier, type Notifier } from './createNotifier.ts';
import type { Mailer } from './createSmtpMailer.ts';
import { deliverySettled } from './deliverySignal.ts';
import { MessageStore } from './MessageStore.ts';

const smtp = {
  messageTransport: 'smtp',
  smtpUrl: 'smtp://unused',
  mailFrom: 'MitID <m@x.dk>',
  logLevel: 'silent',
} as const;

/** A mailer that records what it was given. */
function recordingMailer(): Mailer & { to: string[] } {
  const to: string[] = [];
  return {
    to,
    async send(mail) {
      to.push(mail.to);
    },
  };
}

const notifierOn = (db: Kysely<MitidDb>, clock: TestClock, mailer: Mailer): Notifier =>
  createNotifier({ db, clock, random: cryptoRandom, config: smtp, mailer, pollMs: 60_000 });

const mail = (n: number) =>
  ({ channel: 'email', to: `p${n}@example.dk`, subject: 'Kode', body: `Kode ${n}` }) as const;

for (const dialect of await dialectsUnderTest()) {
  describe(`delivery worker on ${dialect}`, () => {
    const withDb = async (fn: (db: Kysely<MitidDb>) => Promise<void>) => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        await fn(database.db);
      } finally {
        await database.close();
      }
    };

    test('delivers after commit, right away (nudged); a rolled-back message is never written nor sent', () =>
      withDb(async (db) => {
        const clock = new TestClock();
        const mailer = recordingMailer();
        const notifier = notifierOn(db, clock, mailer);
        notifier.delivery.start();
        try {
          await assert.rejects(
            notifier.transaction(async (trx) => {
              await notifier.enqueue(trx, mail(1));
              throw new Error('the change failed');
            }),
            /the change failed/,
          );
          const { id } = await notifier.transaction((trx) => notifier.enqueue(trx, mail(2)));
          await deliverySettled(db);
          assert.deepEqual(mailer.to, ['p2@example.dk']);
          assert.equal((await notifier.store.deliveryOf(id))?.status, 'sent');
          assert.equal(await notifier.store.latestTo('p1@example.dk', 'email'), undefined);
        } finally {
          await notifier.delivery.stop();
        }
      }));

    test('messages queued while no worker ran (a crash, a restart, another process) are delivered at start', () =>
      withDb(async (db) => {
        const clock = new TestClock();
        const mailer = recordingMailer();
        const before = notifierOn(db, clock, mailer);
        for (const n of [1, 2, 3]) await before.transaction((trx) => before.enqueue(trx, mail(n)));
        assert.equal(await before.store.countQueued(), 3);
        assert.deepEqual(mailer.to, []);

        const restarted = notifierOn(db, clock, mailer);
        restarted.delivery.start();
        await restarted.delivery.settled();
        await restarted.delivery.stop();
        assert.deepEqual(mailer.to.sort(), ['p1@example.dk', 'p2@example.dk', 'p3@example.dk']);
        assert.equal(await restarted.store.countQueued(), 0);
      }));

    test('two workers on one database (two nodes) deliver each message exactly once', () =>
      withDb(async (db) => {
        const clock = new TestClock();
        const first = recordingMailer();
        const second = recordingMailer();
        const writer = notifierOn(db, clock, first);
        for (let n = 0; n < 30; n++) await writer.transaction((trx) => writer.enqueue(trx, mail(n)));
        const a = notifierOn(db, clock, first).delivery;
        const b = notifierOn(db, clock, second).delivery;
        // Both start at once and race for the same rows.
        a.start();
        b.start();
        await Promise.all([a.settled(), b.settled()]);
        await Promise.all([a.stop(), b.stop()]);
        const all = [...first.to, ...second.to];
        assert.equal(all.length, 30);
        assert.equal(new Set(all).size, 30);
        const rows = await db.selectFrom('messages').select(['status', 'attempts']).execute();
        assert.ok(rows.every((r) => r.status === 'sent' && Number(r.attempts) === 1));
      }));

    test('a worker that died with a claimed message: another delivers it once the lease has run out, not before', () =>
      withDb(async (db) => {
        const clock = new TestClock();
        const mailer = recordingMailer();
        const notifier = notifierOn(db, clock, mailer);
        const { id } = await notifier.transaction((trx) => notifier.enqueue(trx, mail(1)));
        // The dead worker's claim: taken, never settled.
        const store = new MessageStore(db);
        assert.ok(await store.claim(id, clock.now().getTime(), LEASE_MS, 'dead-worker'));

        const other = notifier.delivery;
        other.start();
        await other.settled();
        assert.deepEqual(mailer.to, []);
        clock.advance(LEASE_MS);
        other.nudge();
        await other.settled();
        await other.stop();
        assert.deepEqual(mailer.to, ['p1@example.dk']);
        const state = await store.deliveryOf(id);
        assert.equal(state?.status, 'sent');
        assert.equal(state?.attempts, 2);
        // The dead worker's late settle changes nothing.
        assert.equal(await store.settle(id, 'dead-worker', 'failed', clock.now().getTime()), false);
        assert.equal((await store.deliveryOf(id))?.status, 'sent');
      }));

    test('SMS and Digital Post end as kept; e-mail without SMTP too', () =>
      withDb(async (db) => {
        const clock = new TestClock();
        const notifier = createNotifier({
          db,
          clock,
          random: cryptoRandom,
          config: { ...smtp, messageTransport: 'outbox' },
        });
        notifier.delivery.start();
        try {
          await notifier.transaction(async (trx) => {
            await notifier.enqueue(trx, { channel: 'sms', to: '+4512345678', subject: '', body: 'a' });
            await notifier.enqueue(trx, {
              channel: 'digitalpost',
              to: '0101011234',
              subject: 'Brev',
              body: 'b',
            });
            await notifier.enqueue(trx, mail(1));
          });
          await deliverySettled(db);
          const rows = await db.selectFrom('messages').select('status').execute();
          assert.deepEqual(
            rows.map((r) => r.status),
            ['kept', 'kept', 'kept'],
          );
        } finally {
          await notifier.delivery.stop();
        }
      }));
  });
}
