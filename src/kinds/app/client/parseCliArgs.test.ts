import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STATE_DIR, parseCliArgs } from './parseCliArgs.ts';

const usageError = (argv: string[]): string => {
  const r = parseCliArgs(argv);
  assert.ok(!r.ok, `${argv.join(' ')} should be refused`);
  return r.message;
};

test('activate with every flag, the server reduced to its origin, spaces in codes allowed', () => {
  assert.deepEqual(
    parseCliArgs([
      'activate',
      '--server',
      'http://localhost:3000/',
      '--user',
      'J()nas Jen5en',
      '--activation-code',
      '1234 5678',
      '--temporary-pin',
      '87654321',
      '--pin',
      '246810',
      '--state',
      '/tmp/a',
    ]),
    {
      ok: true,
      stateDir: '/tmp/a',
      command: {
        name: 'activate',
        serverUrl: 'http://localhost:3000',
        userId: 'J()nas Jen5en',
        activationCode: '12345678',
        temporaryPin: '87654321',
        pin: '246810',
        notifyEveryUse: false,
      },
    },
  );
});

test('the other commands, with the default state directory', () => {
  assert.deepEqual(parseCliArgs(['users']), {
    ok: true,
    stateDir: DEFAULT_STATE_DIR,
    command: { name: 'users' },
  });
  assert.deepEqual(
    parseCliArgs(['pending', '--user', 'mettemus']).ok && parseCliArgs(['pending', '--user', 'mettemus']),
    {
      ok: true,
      stateDir: DEFAULT_STATE_DIR,
      command: { name: 'pending', userId: 'mettemus' },
    },
  );
  const approve = parseCliArgs(['approve', '--user', 'a b', '--tx', 't1', '--pin', '123456']);
  assert.deepEqual(approve.ok && approve.command, {
    name: 'approve',
    userId: 'a b',
    target: { transactionId: 't1' },
    pin: '123456',
  });
  const reject = parseCliArgs(['reject', '--user', 'a', '--tx', 't1']);
  assert.deepEqual(reject.ok && reject.command, {
    name: 'reject',
    userId: 'a',
    target: { transactionId: 't1' },
  });
  const report = parseCliArgs(['reject', '--user', 'a', '--tx', 't1', '--report']);
  assert.deepEqual(report.ok && report.command, {
    name: 'reject',
    userId: 'a',
    target: { transactionId: 't1' },
    report: true,
  });
  // The login box's code as shown (spaces, a dash), without --user; or its QR text.
  const code = parseCliArgs(['approve', '--code', '123 45-6', '--pin', '123456']);
  assert.deepEqual(code.ok && code.command, {
    name: 'approve',
    target: { channel: { code: '123456' } },
    pin: '123456',
  });
  const qr = parseCliArgs(['reject', '--qr', ' mitid-login:v1:a:1:b ', '--user', 'a']);
  assert.deepEqual(qr.ok && qr.command, {
    name: 'reject',
    userId: 'a',
    target: { channel: { qr: 'mitid-login:v1:a:1:b' } },
  });
  for (const name of ['status', 'remove'] as const) {
    const r = parseCliArgs([name, '--user', 'a']);
    assert.deepEqual(r.ok && r.command, { name, userId: 'a' });
  }
  const transfer = parseCliArgs(['transfer-code', '--user', 'a']);
  assert.deepEqual(transfer.ok && transfer.command, { name: 'transfer-code', userId: 'a' });
  for (const argv of [[], ['help'], ['users', '--help'], ['-h']]) {
    const r = parseCliArgs(argv);
    assert.deepEqual(r.ok && r.command, { name: 'help' }, argv.join(' '));
  }
});

test('bad usage is named', () => {
  assert.match(usageError(['fly']), /Unknown command "fly"/);
  assert.match(usageError(['pending']), /needs --user/);
  assert.match(usageError(['approve', '--user', 'a']), /needs one of --tx, --code or --qr/);
  assert.match(usageError(['approve', '--code', '123456', '--qr', 'x']), /needs one of/);
  assert.match(usageError(['approve', '--code', '12345']), /6 digits the login box shows/);
  assert.match(usageError(['approve', '--code', '12345a']), /6 digits the login box shows/);
  assert.match(usageError(['reject', '--qr', 'x'.repeat(201)]), /QR code's text/);
  assert.match(usageError(['approve', '--tx', 't']), /needs --user/);
  assert.match(usageError(['pending', '--code', '123456', '--user', 'a']), /--code does not belong/);
  assert.match(usageError(['activate', '--user', 'a']), /needs --server/);
  assert.match(usageError(['activate', '--server', 'mitid.dk', '--user', 'a']), /http/);
  assert.match(usageError(['users', '--user', 'a']), /--user does not belong to "users"/);
  assert.match(usageError(['users', 'extra']), /Unexpected argument/);
  assert.match(usageError(['users', '--colour']), /Unknown option/);
  assert.match(usageError(['pending', '--user']), /argument missing/);
  assert.match(usageError(['reject', '--code', '123456', '--report']), /--report needs --tx/);
  assert.match(usageError(['approve', '--user', 'a', '--tx', 't', '--report']), /--report does not belong/);
});

test('a PIN or code of the wrong form never reaches the server', () => {
  assert.match(usageError(['approve', '--user', 'a', '--tx', 't', '--pin', '12345']), /6 digits/);
  const base = ['activate', '--server', 'http://x', '--user', 'a'];
  assert.match(usageError([...base, '--pin', '1234567']), /6 digits/);
  assert.match(usageError([...base, '--activation-code', '1234']), /8 digits/);
  assert.match(usageError([...base, '--temporary-pin', '12a45678']), /8 digits/);
  assert.match(usageError([...base, '--device-name', 'x'.repeat(65)]), /1–64 characters/);
  assert.match(usageError([...base, '--device-name', 'a\nb']), /one line/);
  assert.match(
    usageError([...base, '--activation-code', '12345678', '--transfer-code', 'ABCD-EFGH']),
    /not both/,
  );
});

test('a message about a bad PIN does not repeat the PIN', () => {
  assert.ok(!usageError(['approve', '--user', 'a', '--tx', 't', '--pin', '98765']).includes('98765'));
});
