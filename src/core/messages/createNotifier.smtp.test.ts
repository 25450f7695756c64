/**
 * E-mail through a real SMTP conversation: a local smtp-server on 127.0.0.1 (a free port, no TLS,
 * no authentication) receives what the notifier sends with MESSAGE_TRANSPORT=smtp.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, beforeEach, test } from 'node:test';
import { TestClock } from '../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import { backoffMs, MAX_ATTEMPTS } from './createDeliveryWorker.ts';
import { createNotifier } from './createNotifier.ts';
import { countingRandom, memoryLogger, startSmtp } from './testSupport.ts';

let database: TestDatabase<MitidDb>;
beforeEach(async () => {
  database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
});
afterEach(() => database.close());

function smtpNotifier(smtpUrl: string) {
  const log = memoryLogger();
  const clock = new TestClock();
  const notifier = createNotifier({
    db: database.db,
    clock,
    random: countingRandom(),
    config: {
      messageTransport: 'smtp',
      smtpUrl,
      mailFrom: 'MitID <noreply@mitid.localhost>',
      logLevel: 'info',
    },
    logger: log.logger,
  });
  return { notifier, lines: log.lines, clock };
}

const mail = {
  channel: 'email',
  to: 'Anna.Hansen@Example.DK',
  subject: 'Bekræft din e-mailadresse',
  body: 'Hej Anna\n\nDin kode er 564738.\n\nMed venlig hilsen\nMitID',
} as const;

test('an e-mail reaches the SMTP server from MAIL_FROM to the normalised address', async () => {
  const server = await startSmtp();
  try {
    const { notifier, lines } = smtpNotifier(server.url);
    assert.deepEqual(await notifier.send(mail), { id: 'm1', status: 'sent' });

    assert.equal(server.received.length, 1);
    const [got] = server.received;
    assert.equal(got?.mailFrom, 'noreply@mitid.localhost');
    assert.deepEqual(got?.rcptTo, ['Anna.Hansen@example.dk']);
    const [head = '', ...rest] = (got?.raw ?? '').split('\r\n\r\n');
    assert.match(head, /^From: MitID <noreply@mitid\.localhost>$/m);
    assert.match(head, /^To: Anna\.Hansen@example\.dk$/m);
    assert.match(head, /^Subject: =\?UTF-8\?Q\?Bekr=C3=A6ft_din_e-mailadresse\?=$/m);
    assert.match(head, /^Auto-Submitted: auto-generated$/m);
    assert.match(head, /^Content-Type: text\/plain; charset=utf-8$/m);
    assert.equal(rest.join('\r\n\r\n').replace(/\r\n/g, '\n').trimEnd(), mail.body.trimEnd());

    assert.equal((await notifier.store.latestTo('Anna.Hansen@example.dk', 'email'))?.status, 'sent');
    assert.deepEqual(lines, []);
  } finally {
    await server.close();
  }
});

test('a server that refuses the recipient: status failed, the row kept, a warning without the message', async () => {
  const server = await startSmtp({ refuse: true });
  try {
    const { notifier, lines } = smtpNotifier(server.url);
    assert.deepEqual(await notifier.send(mail), { id: 'm1', status: 'failed' });
    assert.equal(server.received.length, 0);

    const kept = await notifier.store.latestTo('Anna.Hansen@example.dk', 'email');
    assert.equal(kept?.status, 'failed');
    assert.equal(kept?.body, mail.body);

    assert.equal(lines.length, 1);
    const warning = JSON.parse(lines[0] ?? '{}');
    assert.equal(warning.level, 40);
    assert.equal(warning.messageId, 'm1');
    assert.equal(warning.responseCode, 550);
    for (const secret of ['564738', 'Bekræft', 'Anna.Hansen']) assert.ok(!lines[0]?.includes(secret), secret);
  } finally {
    await server.close();
  }
});

test('no server at the address: the row stays queued, due again after the backoff, and fails after the last attempt', async () => {
  // A port that was free a moment ago: the connection is refused at once.
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));

  const { notifier, lines, clock } = smtpNotifier(`smtp://127.0.0.1:${port}`);
  const t0 = clock.now().getTime();
  // A server that does not answer may answer later: the message waits for another attempt.
  assert.deepEqual(await notifier.send(mail), { id: 'm1', status: 'queued' });
  assert.equal((await notifier.store.latestTo('Anna.Hansen@example.dk', 'email'))?.status, 'queued');
  assert.equal(JSON.parse(lines[0] ?? '{}').smtpError, 'ESOCKET');
  assert.deepEqual(await notifier.store.deliveryOf('m1'), {
    status: 'queued',
    attempts: 1,
    nextAttemptAt: t0 + backoffMs(1),
    claimedUntil: null,
    lastError: 'ESOCKET',
    deliveredAt: null,
  });
  // Not due before its time; then each attempt waits longer (30 s, 2, 8, 32 min) until the last.
  const worker = notifier.delivery;
  worker.start();
  try {
    await worker.settled();
    assert.equal((await notifier.store.deliveryOf('m1'))?.attempts, 1);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      clock.advance(backoffMs(attempt));
      worker.nudge();
      await worker.settled();
      assert.equal((await notifier.store.deliveryOf('m1'))?.attempts, attempt + 1);
    }
  } finally {
    await worker.stop();
  }
  const last = await notifier.store.deliveryOf('m1');
  assert.equal(last?.status, 'failed');
  assert.equal(last?.nextAttemptAt, null);
  assert.equal(lines.length, MAX_ATTEMPTS);
});
