/**
 * The library against an in-memory server written from the doc (fakeAppServer.ts): activation,
 * several users, transfer codes, approving and rejecting with the PIN, and the PIN never sent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Clock } from '../../../platform/clock.ts';
import type { AppResult } from './appErrors.ts';
import { FakeAppServer } from './fakeAppServer.ts';
import { MitidAppClient } from './MitidAppClient.ts';

const root = mkdtempSync(path.join(tmpdir(), 'app-client-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const PIN = '246810';

async function setup(): Promise<{ server: FakeAppServer; app: MitidAppClient; dir: string }> {
  const server = await FakeAppServer.create();
  server.people.set('J()nas Jen5en', { activationCode: '12345678', mobile: true });
  server.people.set('mettemus', { activationCode: '11112222', mobile: false });
  const clock: Clock = { now: () => new Date(server.now) };
  const dir = path.join(root, `app${++n}`);
  return { server, app: new MitidAppClient({ stateDir: dir, clock, fetch: server.fetch }), dir };
}

function value<T>(r: AppResult<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return r.value;
}

const errorOf = <T>(r: AppResult<T>): string => (r.ok ? 'ok' : r.error.code);

async function activate(
  app: MitidAppClient,
  server: FakeAppServer,
  userId: string,
  code: string,
): Promise<void> {
  const a = value(await app.startActivation({ serverUrl: `${server.url}/`, userId, deviceName: 'Test CLI' }));
  const sent = value(await a.submitActivationCode(code));
  value(await a.submitTemporaryPin(sent.temporaryPin ?? server.temporaryPin));
  value(await a.choosePin(PIN, PIN));
}

test('activation by the doc’s steps stores the user with a key and no PIN', async () => {
  const { server, app, dir } = await setup();
  const a = value(
    await app.startActivation({ serverUrl: server.url, userId: 'J()nas Jen5en', deviceName: 'CLI' }),
  );
  assert.equal(a.next, 'activationCode');
  assert.equal(errorOf(await a.submitTemporaryPin('87654321')), 'activation_step', 'not yet');
  const wrong = await a.submitActivationCode('00000000');
  assert.equal(errorOf(wrong), 'wrong_code');
  assert.equal(wrong.ok ? 0 : wrong.error.attemptsLeft, 2);
  assert.equal(wrong.ok ? 0 : wrong.error.status, 400);
  const sent = value(await a.submitActivationCode('1234 5678'));
  assert.deepEqual(sent, { next: 'temporaryPin', sentTo: '+45 •• •• 40 50' });
  assert.equal(errorOf(await a.submitTemporaryPin('11111111')), 'wrong_temporary_pin');
  value(await a.submitTemporaryPin('3141 5926'));
  assert.equal(errorOf(await a.choosePin(PIN, '246801')), 'pin_mismatch');
  assert.equal(errorOf(await a.choosePin('1234', '1234')), 'pin_format');
  const user = value(await a.choosePin(PIN, PIN));
  assert.equal(a.next, 'done');
  assert.equal(user.userId, 'J()nas Jen5en');
  assert.equal(user.serverUrl, server.url);
  assert.deepEqual(value(await app.users()), [user]);
  const stored = [readFileSync(path.join(dir, 'app.json'), 'utf8'), ...readdirSync(path.join(dir, 'keys'))];
  assert.ok(!stored.join().includes(PIN));
});

test('without a mobile number the temporary PIN comes to the app, and is used when none is typed', async () => {
  const { server, app } = await setup();
  const a = value(
    await app.startActivation({ serverUrl: server.url, userId: 'mettemus', deviceName: 'CLI' }),
  );
  const sent = value(await a.submitActivationCode('11112222'));
  assert.equal(sent.temporaryPin, server.temporaryPin);
  value(await a.submitTemporaryPin());
  value(await a.choosePin(PIN, PIN));
});

test('two users in one app, each with their own device and key; approving and rejecting', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'J()nas Jen5en', '12345678');
  await activate(app, server, 'mettemus', '11112222');
  const users = value(await app.users());
  assert.equal(users.length, 2);
  assert.notEqual(users[0]?.deviceId, users[1]?.deviceId);

  const pay = server.addTransaction('J()nas Jen5en', 'Overfør 1.250,00 kr. til 9999 0087654321');
  const login = server.addTransaction('J()nas Jen5en', 'Log på Min Bank', 'login');
  login.level = 'substantial';
  server.addTransaction('mettemus', 'Mette’s');
  const pending = value(await app.pending('j()nas jen5en'));
  assert.deepEqual(
    pending.map((t) => [t.text, t.requiresPin]),
    [
      ['Overfør 1.250,00 kr. til 9999 0087654321', true],
      ['Log på Min Bank', false],
    ],
  );

  assert.equal(errorOf(await app.approve('J()nas Jen5en', pay.id)), 'pin_required');
  assert.equal(errorOf(await app.approve('J()nas Jen5en', pay.id, { pin: '12345' })), 'pin_format');
  const approved = value(await app.approve('J()nas Jen5en', pay.id, { pin: PIN }));
  assert.deepEqual(approved, { transactionId: pay.id, decision: 'approve', status: 'approved' });
  assert.equal(server.transactions.get(pay.id)?.status, 'approved');
  assert.equal(errorOf(await app.approve('J()nas Jen5en', pay.id, { pin: PIN })), 'unknown_transaction');

  value(await app.reject('J()nas Jen5en', login.id, { pin: '000000' }));
  assert.equal(server.transactions.get(login.id)?.status, 'rejected');
  const devicesBefore = [...server.devices.values()].map((d) => d.wrongPins);
  const big = server.addTransaction('J()nas Jen5en', 'Overfør 99.999,00 kr.');
  value(await app.reject('J()nas Jen5en', big.id));
  assert.equal(server.transactions.get(big.id)?.status, 'rejected', 'rejecting needs no PIN');
  assert.deepEqual(
    [...server.devices.values()].map((d) => d.wrongPins),
    devicesBefore,
    'a rejection spends no PIN attempt',
  );
  assert.equal(value(await app.pending('mettemus')).length, 1);

  const pinsSent = server.requests.filter(
    (r) => r.body.includes(PIN) || Object.values(r.headers).join().includes(PIN),
  );
  assert.deepEqual(pinsSent, [], 'the PIN never leaves the device');
});

test('a wrong PIN is refused by OPAQUE, counted by the server, and the transaction stays pending', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'mettemus', '11112222');
  const tx = server.addTransaction('mettemus', 'Godkend');
  const r = await app.approve('mettemus', tx.id, { pin: '999999' });
  assert.equal(errorOf(r), 'wrong_pin');
  assert.equal(server.transactions.get(tx.id)?.status, 'pending');
  assert.equal([...server.devices.values()][0]?.wrongPins, 1);
  assert.equal(r.ok ? 0 : r.error.attemptsLeft, 2);
  await app.approve('mettemus', tx.id, { pin: '999998' });
  const third = await app.approve('mettemus', tx.id, { pin: '999997' });
  assert.equal(errorOf(third), 'pin_blocked', 'the third wrong PIN blocks');
  const blocked = await app.approve('mettemus', tx.id, { pin: PIN });
  assert.equal(errorOf(blocked), 'pin_blocked');
  assert.equal(blocked.ok ? 0 : blocked.error.status, 423);
  assert.equal(typeof (blocked.ok ? 0 : blocked.error.until), 'number');
});

test('a transfer code from one app adds a device in another', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'J()nas Jen5en', '12345678');
  const code = value(await app.transferCode('J()nas Jen5en'));
  assert.equal(code.link, 'mitid-app:transfer?code=1234-5678&user=J()nas%20Jen5en');
  const other = new MitidAppClient({
    stateDir: path.join(root, `app${++n}`),
    clock: { now: () => new Date(server.now) },
    fetch: server.fetch,
  });
  const a = value(
    await other.startActivation({
      serverUrl: server.url,
      userId: 'J()nas Jen5en',
      deviceName: 'Tablet',
      transferCode: code.transferCode,
    }),
  );
  assert.equal(a.next, 'temporaryPin');
  value(await a.submitTemporaryPin(server.temporaryPin));
  value(await a.choosePin(PIN, PIN));
  assert.equal(server.devices.size, 2);
});

test('a stale clock makes the server refuse the signature, as a typed error', async () => {
  const { server, app, dir } = await setup();
  await activate(app, server, 'mettemus', '11112222');
  const late = new MitidAppClient({
    stateDir: dir,
    clock: { now: () => new Date(server.now + 120_000) },
    fetch: server.fetch,
  });
  const r = await late.pending('mettemus');
  assert.equal(errorOf(r), 'invalid_device_signature');
  assert.equal(r.ok ? 0 : r.error.status, 401);
});

test('an unknown user, a bad server URL and an unreachable server are typed errors', async () => {
  const { app } = await setup();
  assert.equal(errorOf(await app.pending('nobody')), 'unknown_user');
  assert.equal(
    errorOf(await app.startActivation({ serverUrl: 'ftp://x', userId: 'a', deviceName: 'b' })),
    'invalid_server_url',
  );
  const offline = new MitidAppClient({
    stateDir: path.join(root, `app${++n}`),
    fetch: () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
  });
  const r = await offline.startActivation({ serverUrl: 'http://localhost:9', userId: 'a', deviceName: 'b' });
  assert.equal(errorOf(r), 'network_error');
  assert.match(r.ok ? '' : r.error.message, /ECONNREFUSED/);
});

test('two users in one app: every device hears how many users the app holds', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'J()nas Jen5en', '12345678');
  assert.deepEqual(
    [...server.devices.values()].map((d) => d.usersInApp),
    [1],
  );
  await activate(app, server, 'mettemus', '11112222');
  assert.deepEqual(
    [...server.devices.values()].map((d) => d.usersInApp),
    [2, 2],
    'told at finish, and the other device after it',
  );
  value(await app.removeDevice('mettemus'));
  assert.equal(server.devices.size, 1, 'removed on the server');
  assert.deepEqual(
    [...server.devices.values()].map((d) => d.usersInApp),
    [1],
  );
  assert.deepEqual(
    value(await app.users()).map((u) => u.userId),
    ['J()nas Jen5en'],
  );
});

test('a user already in the app is not activated again while the device works', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'J()nas Jen5en', '12345678');
  const state = value(await app.deviceState('J()nas Jen5en'));
  assert.deepEqual(state.pin, { blocked: false, attemptsLeft: 3 });
  const again = await app.startActivation({
    serverUrl: server.url,
    userId: 'j()nas jen5en',
    deviceName: 'CLI',
  });
  assert.equal(errorOf(again), 'already_activated');
});

test('a PIN blocked for good: the old device is removed, and the user activated again', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'J()nas Jen5en', '12345678');
  const [old] = [...server.devices.values()];
  assert.ok(old);
  old.wrongPins = 9;
  assert.equal(value(await app.deviceState('J()nas Jen5en')).pin.permanent, true);
  await activate(app, server, 'J()nas Jen5en', '12345678');
  assert.equal(server.devices.size, 1);
  assert.notEqual([...server.devices.keys()][0], old.deviceId, 'the old device is gone');
  const users = value(await app.users());
  assert.equal(users.length, 1);
  assert.equal(users[0]?.deviceId, [...server.devices.keys()][0]);
});

test('a digest that is not the digest of the shown text is never signed', async () => {
  const { server, app } = await setup();
  await activate(app, server, 'mettemus', '11112222');
  const tx = server.addTransaction('mettemus', 'Overfør 1 kr.');
  server.digestOverride = 'mBTj2k6jTNNCbSfOVVfnWjkT3r9gFqjqBvsOAMo0sKo';
  const r = await app.approve('mettemus', tx.id, { pin: PIN });
  assert.equal(errorOf(r), 'digest_mismatch');
  assert.ok(
    !server.requests.some((q) => q.url.includes('/transactions/') && q.url.endsWith('/pin')),
    'not even a PIN attempt',
  );
  assert.equal(server.transactions.get(tx.id)?.status, 'pending');
});
