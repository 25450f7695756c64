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

test('a transaction lives 5 minutes: then expired, no longer shown, and no decision moves it', async () => {
  const { person, device } = await h.activatedPerson();
  const created = await h.createTransaction({
    userId: person.userId,
    serviceName: 'Skat',
    action: 'login',
    text: 'Log på hos Skat',
  });
  const [tx] = await device.pending();
  assert.ok(tx);
  h.clock.advance(5 * MINUTE - 1);
  assert.equal((await device.pending()).length, 1);
  h.clock.advance(1);
  assert.deepEqual(await device.pending(), []);
  assert.equal((await h.transactionStatus(created.json().transactionId)).status, 'expired');
  const late = await device.decide(tx, 'approve');
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().error, 'transaction_not_pending');
  assert.equal((await h.transactionStatus(created.json().transactionId)).status, 'expired');
});

test('a PIN started before the expiry cannot approve after it', async () => {
  const { person, device } = await h.activatedPerson();
  await h.createTransaction({
    userId: person.userId,
    serviceName: 'Min Bank',
    action: 'approve',
    text: 'Overfør 5,00 kr.',
  });
  const [tx] = await device.pending();
  assert.ok(tx);
  const login = await device.pinLogin(tx.id);
  expectStatus(login.res, 200);
  h.clock.advance(5 * MINUTE);
  const res = await device.signed('POST', `/transactions/${tx.id}/decision`, {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: device.approvalSignature(tx, 'approve', 'x'),
  });
  assert.equal(res.json().error, 'transaction_not_pending');
  const pin = await device.pinLogin(tx.id);
  assert.equal(pin.res.json().error, 'transaction_not_pending');
});
