import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import { createNotifier, type NotifierDeps } from './createNotifier.ts';
import type { Mail, Mailer } from './createSmtpMailer.ts';
import { MessageError } from './MessageError.ts';
import { countingRandom, memoryLogger } from './testSupport.ts';

const outbox = {
  messageTransport: 'outbox',
  smtpUrl: undefined,
  mailFrom: 'MitID <noreply@mitid.localhost>',
  logLevel: 'info',
} as const;
const smtp = { ...outbox, messageTransport: 'smtp', smtpUrl: 'smtp://127.0.0.1:1' } as const;

/** A mailer that records what it is given, or refuses like a server answering 550. */
function fakeMailer(refuse = false): Mailer & { mails: Mail[] } {
  const mails: Mail[] = [];
  return {
    mails,
    async send(mail) {
      mails.push(mail);
      if (refuse)
        throw Object.assign(new Error(`550 rejected: ${mail.text}`), {
          code: 'EENVELOPE',
          responseCode: 550,
        });
    },
  };
}

let database: TestDatabase<MitidDb>;
let clock: TestClock;
beforeEach(async () => {
  database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  clock = new TestClock('2026-11-24T09:00:00Z');
});
afterEach(() => database.close());

const deps = (extra: Partial<NotifierDeps> = {}): NotifierDeps => ({
  db: database.db,
  clock,
  random: countingRandom(),
  config: outbox,
  logger: memoryLogger().logger,
  ...extra,
});

const allRows = () => database.db.selectFrom('messages').selectAll().orderBy('created_at').execute();

describe('outbox transport (the default)', () => {
  test('keeps the message, normalised, at the clock’s time, and returns its id', async () => {
    const notifier = createNotifier(deps());
    const result = await notifier.send({
      channel: 'sms',
      to: '+45 12 34 56 78',
      subject: '',
      body: 'Din kode er 123456',
    });
    assert.deepEqual(result, { id: 'm1', status: 'kept' });
    assert.deepEqual(await notifier.store.latestTo('+4512345678', 'sms'), {
      id: 'm1',
      channel: 'sms',
      recipient: '+4512345678',
      subject: '',
      body: 'Din kode er 123456',
      status: 'kept',
      createdAt: new Date('2026-11-24T09:00:00Z'),
    });
  });

  test('e-mail and Digital Post stay in the outbox too', async () => {
    const notifier = createNotifier(deps());
    await notifier.send({ channel: 'email', to: 'Anna@Example.dk', subject: 'Kode', body: 'Din kode er 1' });
    await notifier.send({
      channel: 'digitalpost',
      to: '010101-1234',
      subject: 'Det er din tur',
      body: 'Kære Anna',
    });
    const rows = await allRows();
    assert.deepEqual(
      rows.map((r) => [r.channel, r.recipient, r.status]),
      [
        ['email', 'Anna@example.dk', 'kept'],
        ['digitalpost', '0101011234', 'kept'],
      ],
    );
  });

  test('a resent code is the latest even within the same millisecond', async () => {
    const notifier = createNotifier(deps());
    await notifier.send({ channel: 'sms', to: '+4512345678', subject: '', body: 'Din kode er 111111' });
    await notifier.send({ channel: 'sms', to: '+4512345678', subject: '', body: 'Din kode er 222222' });
    assert.equal((await notifier.store.latestTo('+4512345678', 'sms'))?.body, 'Din kode er 222222');
  });

  test('a bad message throws MessageError and stores nothing', async () => {
    const notifier = createNotifier(deps());
    const bad = [
      { channel: 'sms', to: '12345678', subject: '', body: 'kode' },
      { channel: 'email', to: 'anna@example.dk', subject: '', body: 'kode' },
      { channel: 'digitalpost', to: '0101011234', subject: 'Brev', body: '   ' },
      { channel: 'pigeon', to: 'x', subject: 'x', body: 'x' },
    ] as const;
    for (const message of bad) {
      await assert.rejects(notifier.send(message as never), MessageError);
    }
    assert.deepEqual(await allRows(), []);
  });
});

describe('smtp transport', () => {
  test('e-mail is handed to the mailer and marked sent; SMS and Digital Post stay kept', async () => {
    const mailer = fakeMailer();
    const notifier = createNotifier(deps({ config: smtp, mailer }));
    assert.deepEqual(await notifier.send({ channel: 'sms', to: '+4512345678', subject: '', body: 'a' }), {
      id: 'm1',
      status: 'kept',
    });
    assert.deepEqual(
      await notifier.send({ channel: 'digitalpost', to: '0101011234', subject: 'Brev', body: 'b' }),
      { id: 'm2', status: 'kept' },
    );
    assert.deepEqual(
      await notifier.send({
        channel: 'email',
        to: 'anna@EXAMPLE.dk',
        subject: ' Kode ',
        body: 'Din kode er 3',
      }),
      { id: 'm3', status: 'sent' },
    );
    assert.deepEqual(mailer.mails, [{ to: 'anna@example.dk', subject: 'Kode', text: 'Din kode er 3' }]);
    assert.deepEqual(
      (await allRows()).map((r) => [r.id, r.status]),
      [
        ['m1', 'kept'],
        ['m2', 'kept'],
        ['m3', 'sent'],
      ],
    );
  });

  test('a refused e-mail is kept with status failed, and a warning without the message is logged', async () => {
    const { logger, lines } = memoryLogger();
    const notifier = createNotifier(deps({ config: smtp, mailer: fakeMailer(true), logger }));
    const result = await notifier.send({
      channel: 'email',
      to: 'anna@example.dk',
      subject: 'Din engangskode',
      body: 'Din kode er 918273',
    });
    assert.deepEqual(result, { id: 'm1', status: 'failed' });
    assert.equal((await notifier.store.latestTo('anna@example.dk', 'email'))?.status, 'failed');
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0] ?? '{}');
    assert.equal(line.level, 40);
    assert.equal(line.messageId, 'm1');
    assert.equal(line.smtpError, 'EENVELOPE');
    assert.equal(line.responseCode, 550);
    for (const secret of ['918273', 'Din engangskode', 'anna@example.dk']) {
      assert.ok(!lines[0]?.includes(secret), `the log line contains ${secret}`);
    }
  });
});
