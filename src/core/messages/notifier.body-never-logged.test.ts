/**
 * Messages carry one-time codes: no body may reach the logs, on any path. The whole MitID app
 * runs with its logger at trace level writing into memory; messages go through SMTP (accepted
 * and refused), stay in the outbox, are refused as invalid, and are read on the dev pages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageError } from './MessageError.ts';
import { type LocalSmtp, memoryLogger, mitidTestApp, startSmtp } from './testSupport.ts';

const codes = ['480151', '592637', '703948', '815059'];

async function exercise(server: LocalSmtp): Promise<string[]> {
  const { logger, lines } = memoryLogger();
  const t = await mitidTestApp({
    devPages: true,
    logger,
    env: { MESSAGE_TRANSPORT: 'smtp', SMTP_URL: server.url, LOG_LEVEL: 'trace' },
  });
  try {
    await t.notifier.send({
      channel: 'sms',
      to: '+4512345678',
      subject: '',
      body: `Din kode er ${codes[0]}`,
    });
    await t.notifier.send({
      channel: 'email',
      to: 'anna@example.dk',
      subject: 'Din engangskode',
      body: `Din kode er ${codes[1]}`,
    });
    await t.notifier.send({
      channel: 'digitalpost',
      to: '0101011234',
      subject: 'Det er din tur',
      body: `Aktiveringskode ${codes[2]}`,
    });
    await assert.rejects(
      t.notifier.send({ channel: 'sms', to: 'not a number', subject: '', body: `Din kode er ${codes[3]}` }),
      MessageError,
    );
    for (const url of [
      '/dev/beskeder',
      '/dev/beskeder?til=%2B4512345678',
      '/dev/beskeder?til=anna%40example.dk',
      '/dev/beskeder?til=0101011234',
      '/dev/beskeder.json?til=anna%40example.dk',
    ]) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
    }
    const page = await t.app.inject('/dev/beskeder?til=anna%40example.dk');
    assert.match(page.body, new RegExp(codes[1] ?? ''), 'the page itself shows the code');
  } finally {
    await t.close();
  }
  assert.ok(lines.length > 10, 'the logger captured the requests');
  return lines;
}

function assertNoSecrets(lines: string[]): void {
  const log = lines.join('');
  for (const code of codes) assert.ok(!log.includes(code), `a code (${code}) is in the log`);
  for (const subject of ['Din engangskode', 'Det er din tur']) assert.ok(!log.includes(subject), subject);
}

test('SMTP accepts: no body or subject in the logs', async () => {
  const server = await startSmtp();
  try {
    assertNoSecrets(await exercise(server));
    assert.equal(server.received.length, 1, 'the e-mail was delivered');
  } finally {
    await server.close();
  }
});

test('SMTP refuses: the warning names the message id, never its body', async () => {
  const server = await startSmtp({ refuse: true });
  try {
    const lines = await exercise(server);
    assertNoSecrets(lines);
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].msg, 'e-mail not delivered; it is kept in the outbox');
  } finally {
    await server.close();
  }
});
