import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MINUTE } from '../../../platform/clock.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

test('an activation code from the net bank expires after 30 minutes (answered as a wrong code)', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  h.clock.advance(30 * MINUTE);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const res = await device.step('activation-code', { code });
  assert.equal(res.statusCode, 400);
  assert.deepEqual([res.json().error, res.json().attemptsLeft], ['wrong_code', 2]);
});

test('a code 1 ms before its expiry still works', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  h.clock.advance(30 * MINUTE - 1);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  expectStatus(await device.step('activation-code', { code }), 200);
});

test('the activation flow ends 15 minutes after its start, whatever step it is at', async () => {
  const person = await h.person();
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  h.clock.advance(15 * MINUTE);
  const pin = await device.readTemporaryPin(coded.json(), person.mobile);
  const res = await device.step('temporary-pin', { temporaryPin: pin });
  assert.equal(res.statusCode, 410);
  assert.equal(res.json().error, 'activation_expired');
});

test('a temporary PIN sent with a transfer code expires with its flow after 15 minutes', async () => {
  const { person, device } = await h.activatedPerson();
  const code = (await device.signed('POST', '/transfer-codes')).json().transferCode;
  const next = h.device();
  const started = await next.start(person.userId, code);
  expectStatus(started, 201);
  next.activationId = started.json().activationId;
  h.clock.advance(15 * MINUTE - 1);
  const pin = await next.readTemporaryPin(started.json(), person.mobile);
  h.clock.advance(1);
  assert.equal((await next.step('temporary-pin', { temporaryPin: pin })).json().error, 'activation_expired');
});

test('a transfer code expires after 5 minutes', async () => {
  const { person, device } = await h.activatedPerson();
  const issued = (await device.signed('POST', '/transfer-codes')).json();
  assert.equal(issued.expiresAt, h.clock.now().getTime() + 5 * MINUTE);
  h.clock.advance(5 * MINUTE);
  const res = await h.device().start(person.userId, issued.transferCode);
  assert.equal(res.statusCode, 410);
  assert.equal(res.json().error, 'code_expired');
});
