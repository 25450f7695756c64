import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { transactionDigest } from '../../../core/authentications/index.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const transfer = {
  serviceName: 'Min Bank',
  action: 'approve',
  text: 'Overfør 1.250,00 kr. til 9999 0087654321',
  level: 'high',
};

test('a payment approved with the PIN: the service sees approved, the device nothing pending', async () => {
  const { person, device } = await h.activatedPerson();
  const created = await h.createTransaction({ userId: person.userId, ...transfer });
  assert.equal(created.statusCode, 201);
  const { transactionId, expiresAt } = created.json();
  assert.equal(expiresAt, h.clock.now().getTime() + 5 * 60_000);
  assert.equal((await h.transactionStatus(transactionId)).status, 'pending');

  const [tx, ...more] = await device.pending();
  assert.equal(more.length, 0);
  assert.ok(tx);
  assert.equal(tx.id, transactionId);
  assert.equal(tx.text, transfer.text);
  assert.equal(tx.requiresPin, true);
  assert.equal(
    tx.digest,
    transactionDigest({
      id: tx.id,
      serviceName: 'Min Bank',
      action: 'approve',
      text: transfer.text,
      level: 'high',
      createdAt: tx.createdAt,
    }),
  );
  assert.match(tx.challenge, /^[A-Za-z0-9_-]{43}$/);

  const res = await device.decide(tx, 'approve');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { transactionId, status: 'approved' });
  const status = await h.transactionStatus(transactionId);
  assert.equal(status.status, 'approved');
  assert.equal(status.method, 'pin');
  assert.equal(status.decidedAt, h.clock.now().getTime());
  assert.deepEqual(await device.pending(), []);
});

test('a login at level substantial is approved without the PIN (a swipe)', async () => {
  const { person, device } = await h.activatedPerson();
  const created = await h.createTransaction({
    userId: person.userId,
    serviceName: 'Skat',
    action: 'login',
    text: 'Log på hos Skat',
  });
  const [tx] = await device.pending();
  assert.ok(tx);
  assert.equal(tx.requiresPin, false);
  assert.equal(tx.level, 'substantial');
  expectStatus(await device.decide(tx, 'approve'), 200);
  const status = await h.transactionStatus(created.json().transactionId);
  assert.equal(status.status, 'approved');
  assert.equal(status.method, 'none');
});

test('a rejection needs no PIN, and a rejected transaction cannot then be approved', async () => {
  const { person, device } = await h.activatedPerson();
  const created = await h.createTransaction({ userId: person.userId, ...transfer });
  const [tx] = await device.pending();
  assert.ok(tx);
  const res = await device.decide(tx, 'reject');
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().status, 'rejected');
  assert.equal((await h.transactionStatus(created.json().transactionId)).status, 'rejected');
  const again = await device.decide(tx, 'approve');
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error, 'transaction_not_pending');
});

test('an approval that needs the PIN is refused without it', async () => {
  const { person, device } = await h.activatedPerson();
  await h.createTransaction({ userId: person.userId, ...transfer });
  const [tx] = await device.pending();
  assert.ok(tx);
  const res = await device.decide(tx, 'approve', { withPin: false });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error, 'invalid_approval');
  assert.equal((await device.pending()).length, 1);
});

test('every device of the person sees the transaction; the first decision wins', async () => {
  const { person, device } = await h.activatedPerson();
  const second = h.device({ deviceName: 'iPad' });
  await second.activate(person, await h.activationCode(person));
  await h.createTransaction({
    userId: person.userId,
    serviceName: 'Skat',
    action: 'login',
    text: 'Log på hos Skat',
  });
  const [onFirst] = await device.pending();
  const [onSecond] = await second.pending();
  assert.ok(onFirst && onSecond);
  assert.equal(onFirst.id, onSecond.id);
  expectStatus(await second.decide(onSecond, 'approve'), 200);
  const late = await device.decide(onFirst, 'reject');
  assert.equal(late.json().error, 'transaction_not_pending');
});

test("another person's device neither sees nor decides the transaction", async () => {
  const { person } = await h.activatedPerson();
  const { device: stranger } = await h.activatedPerson();
  const created = await h.createTransaction({
    userId: person.userId,
    serviceName: 'Skat',
    action: 'login',
    text: 'Log på hos Skat',
  });
  assert.deepEqual(await stranger.pending(), []);
  const res = await stranger.signed('POST', `/transactions/${created.json().transactionId}/decision`, {
    decision: 'approve',
    signature: 'A'.repeat(86),
  });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error, 'not_found');
});
