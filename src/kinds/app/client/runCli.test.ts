/**
 * The CLI in-process against the in-memory server (fakeAppServer.ts): exit codes, output, prompts,
 * and the PIN in no output.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { FakeAppServer } from './fakeAppServer.ts';
import { runCli } from './runCli.ts';

const root = mkdtempSync(path.join(tmpdir(), 'app-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const PIN = '135790';

async function cli(server: FakeAppServer, argv: string[], input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  stdin.end(input);
  const code = await runCli(argv, {
    stdin,
    stdout,
    stderr,
    fetch: server.fetch,
    clock: { now: () => new Date(server.now) },
  });
  return { code, out, err };
}

async function setup() {
  const server = await FakeAppServer.create();
  server.people.set('J()nas Jen5en', { activationCode: '12345678', mobile: true });
  const state = ['--state', path.join(root, `s${++n}`)];
  return { server, state };
}

test('activate with flags, then users, pending, approve and reject; the PIN is never printed', async () => {
  const { server, state } = await setup();
  const outputs: string[] = [];
  const run = async (argv: string[], input?: string) => {
    const r = await cli(server, [...argv, ...state], input);
    outputs.push(r.out, r.err);
    return r;
  };
  const activated = await run([
    'activate',
    '--server',
    server.url,
    '--user',
    'J()nas Jen5en',
    '--activation-code',
    '12345678',
    '--temporary-pin',
    server.temporaryPin,
    '--pin',
    PIN,
  ]);
  assert.equal(activated.code, 0, activated.err);
  assert.match(activated.out, /SMS to \+45 •• •• 40 50[\s\S]*MitID app activated for J\(\)nas Jen5en/);

  const users = await run(['users']);
  assert.match(users.out, /^J\(\)nas Jen5en {2}http:\/\/fake-mitid\.test {2}device dev_/);

  const pay = server.addTransaction('J()nas Jen5en', 'Overfør 1.250,00 kr. til 9999 0087654321');
  const pending = await run(['pending', '--user', 'J()nas Jen5en']);
  assert.equal(pending.code, 0);
  assert.match(
    pending.out,
    /Min Bank asks you to approve:\n {4}Overfør 1\.250,00 kr\. til 9999 0087654321\n/,
  );
  assert.match(pending.out, new RegExp(`Transaction ${pay.id}, PIN required`));

  const wrong = await run(['approve', '--user', 'J()nas Jen5en', '--tx', pay.id, '--pin', '000000']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /Wrong PIN/);

  const approved = await run(['approve', '--user', 'J()nas Jen5en', '--tx', pay.id, '--pin', PIN]);
  assert.equal(approved.code, 0, approved.err);
  assert.equal(approved.out, `Transaction ${pay.id} approved.\n`);
  assert.equal(server.transactions.get(pay.id)?.status, 'approved');

  const again = await run(['reject', '--user', 'J()nas Jen5en', '--tx', pay.id]);
  assert.equal(again.code, 1, 'no longer pending');

  const other = server.addTransaction('J()nas Jen5en', 'Log på', 'login');
  other.level = 'substantial';
  const rejected = await run(['reject', '--user', 'J()nas Jen5en', '--tx', other.id]);
  assert.equal(rejected.code, 0, rejected.err);
  assert.equal(server.transactions.get(other.id)?.status, 'rejected');

  assert.ok(!outputs.join('').includes(PIN), 'the PIN is in no output');
  assert.ok(!outputs.join('').includes(server.temporaryPin), `nor the temporary PIN: ${outputs.join('')}`);
});

test('interactive activation: a wrong code and two different PINs are asked again', async () => {
  const { server, state } = await setup();
  const input = ['00000000', '12345678', server.temporaryPin, PIN, '135791', PIN, PIN, ''].join('\n');
  const r = await cli(
    server,
    ['activate', '--server', server.url, '--user', 'J()nas Jen5en', ...state],
    input,
  );
  assert.equal(r.code, 0, r.err + r.out);
  assert.match(r.out, /Wrong activation code 2 attempts left\./);
  assert.match(r.out, /The two PINs are not the same\./);
  assert.match(r.out, /MitID app activated/);
  assert.ok(!r.out.includes(PIN) && !r.err.includes(PIN));
});

test('approve without --pin asks for it', async () => {
  const { server, state } = await setup();
  const base = ['--server', server.url, '--user', 'J()nas Jen5en'];
  const a = await cli(server, [
    'activate',
    ...base,
    '--activation-code',
    '12345678',
    '--temporary-pin',
    server.temporaryPin,
    '--pin',
    PIN,
    ...state,
  ]);
  assert.equal(a.code, 0);
  const tx = server.addTransaction('J()nas Jen5en', 'Godkend');
  const r = await cli(server, ['approve', '--user', 'J()nas Jen5en', '--tx', tx.id, ...state], `${PIN}\n`);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Your PIN: Transaction .* approved\.\n$/);
  const none = await cli(server, [
    'approve',
    '--user',
    'J()nas Jen5en',
    '--tx',
    server.addTransaction('J()nas Jen5en', 'x').id,
    ...state,
  ]);
  assert.equal(none.code, 2, 'no PIN and no input');
});

test('exit code 2 for bad usage and a user not in the app; 1 for a refusal', async () => {
  const { server, state } = await setup();
  const usage = await cli(server, ['approve', '--user', 'x', ...state]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /needs one of --tx, --code or --qr[\s\S]*Usage: npm run app --/);
  const unknown = await cli(server, ['pending', '--user', 'nobody', ...state]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /No user "nobody" in this app/);
  const refused = await cli(server, [
    'activate',
    '--server',
    server.url,
    '--user',
    'J()nas Jen5en',
    '--activation-code',
    '99999999',
    ...state,
  ]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /Wrong activation code/);
  const help = await cli(server, ['help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage:/);
});

test('transfer-code prints the code, the link and the command for the new device', async () => {
  const { server, state } = await setup();
  await cli(server, [
    'activate',
    '--server',
    server.url,
    '--user',
    'J()nas Jen5en',
    '--activation-code',
    '12345678',
    '--temporary-pin',
    server.temporaryPin,
    '--pin',
    PIN,
    ...state,
  ]);
  const r = await cli(server, ['transfer-code', '--user', 'J()nas Jen5en', ...state]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Transfer code: 1234-5678/);
  assert.match(r.out, /mitid-app:transfer\?code=1234-5678&user=J\(\)nas%20Jen5en/);
  assert.match(
    r.out,
    /activate --server http:\/\/fake-mitid\.test --user 'J\(\)nas Jen5en' --transfer-code 1234-5678/,
  );
});

test('status shows the PIN state; remove drops the user here and the device on the server', async () => {
  const { server, state } = await setup();
  const base = ['--server', server.url, '--user', 'J()nas Jen5en'];
  const flags = ['--activation-code', '12345678', '--temporary-pin', server.temporaryPin, '--pin', PIN];
  await cli(server, ['activate', ...base, ...flags, ...state]);
  const status = await cli(server, ['status', '--user', 'J()nas Jen5en', ...state]);
  assert.equal(status.code, 0, status.err);
  assert.match(status.out, /PIN: 3 attempts left\./);
  const again = await cli(server, ['activate', ...base, ...flags, ...state]);
  assert.equal(again.code, 2);
  assert.match(again.err, /already in this app\. To replace its device: npm run app -- remove/);
  const removed = await cli(server, ['remove', '--user', 'J()nas Jen5en', ...state]);
  assert.equal(removed.code, 0, removed.err);
  assert.equal(server.devices.size, 0);
  assert.match((await cli(server, ['users', ...state])).out, /No users in this app/);
});
