import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HOUR } from '../../../platform/clock.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import { expectStatus, type PendingTx, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

async function payment(person: TestPerson, device: TestDevice): Promise<PendingTx> {
  const created = await h.createTransaction({
    userId: person.userId,
    serviceName: 'Min Bank',
    action: 'approve',
    text: 'Overfør 10,00 kr.',
  });
  const tx = (await device.pending()).find((t) => t.id === created.json().transactionId);
  assert.ok(tx);
  return tx;
}

/** A wrong PIN as the app meets it: the server counts it at the start; OPAQUE fails on the device. */
async function wrongPin(device: TestDevice, tx: PendingTx) {
  const login = await device.pinLogin(tx.id, '000000');
  if (login.res.statusCode === 200)
    assert.equal(login.finishLoginRequest, undefined, 'a wrong PIN does not finish');
  return login.res;
}

test('3 wrong PINs block for an hour, the 3rd block is permanent; the attempt counts at its start', async () => {
  const { person, device } = await h.activatedPerson();
  let tx = await payment(person, device);
  for (let round = 1; round <= 3; round++) {
    tx = await payment(person, device); // a transaction lives 5 minutes, a block an hour
    for (const left of [2, 1, 0]) {
      const res = await wrongPin(device, tx);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().attemptsLeft, left);
    }
    const blocked = await device.pinLogin(tx.id);
    assert.equal(blocked.res.statusCode, 423);
    assert.equal(blocked.res.json().error, 'pin_blocked');
    if (round < 3) {
      assert.equal(blocked.res.json().until, h.clock.now().getTime() + HOUR);
      assert.deepEqual((await device.signed('GET', '')).json().pin, {
        blocked: true,
        until: h.clock.now().getTime() + HOUR,
      });
      h.clock.advance(HOUR - 1);
      tx = await payment(person, device);
      assert.equal((await device.pinLogin(tx.id)).res.statusCode, 423);
      h.clock.advance(1);
    } else {
      assert.equal(blocked.res.json().permanent, true);
      assert.equal(blocked.res.json().until, undefined);
    }
  }
  h.clock.advance(24 * HOUR);
  tx = await payment(person, device);
  const still = await device.pinLogin(tx.id);
  assert.equal(still.res.statusCode, 423);
  assert.equal(still.res.json().permanent, true);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: true, permanent: true });
  // The device can still reject, and be removed to activate again.
  expectStatus(await device.decide(tx, 'reject'), 200);
  const other = await payment(person, device);
  const approve = await device.decide(other, 'approve');
  assert.equal(approve.statusCode, 423);
});

test('a right PIN resets the count', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  await wrongPin(device, tx);
  await wrongPin(device, tx);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: false, attemptsLeft: 1 });
  expectStatus(await device.decide(tx, 'approve'), 200);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: false, attemptsLeft: 3 });
  const next = await payment(person, device);
  assert.equal((await wrongPin(device, next)).json().attemptsLeft, 2);
});

test('the attempt that set the block may still finish with the right PIN, and lifts it', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  await wrongPin(device, tx);
  await wrongPin(device, tx);
  const third = await device.pinLogin(tx.id);
  assert.equal(third.res.json().attemptsLeft, 0);
  assert.equal((await device.signed('GET', '')).json().pin.blocked, true);
  const res = await device.signed('POST', `/transactions/${tx.id}/decision`, {
    decision: 'approve',
    finishLoginRequest: third.finishLoginRequest,
    signature: device.approvalSignature(
      tx,
      'approve',
      (await import('./pinProof.ts')).pinProof(third.sessionKey ?? ''),
    ),
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: false, attemptsLeft: 3 });
});

test('an abandoned PIN attempt counts as wrong', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  await device.pinLogin(tx.id); // right PIN, but the decision is never sent
  await device.pinLogin(tx.id);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: false, attemptsLeft: 1 });
});

test('a decision with a failed OPAQUE finish answers wrong_pin with the tries left, then pin_blocked', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  const opaque = await import('@serenity-kit/opaque');
  const forged = async () => {
    const { startLoginRequest } = opaque.client.startLogin({ password: '000000' });
    expectStatus(await device.signed('POST', `/transactions/${tx.id}/pin`, { startLoginRequest }), 200);
    // A client that sends a finish anyway (here: one from another login) fails at the server.
    const other = await h.activatedPerson();
    const otherTx = await payment(other.person, other.device);
    const login = await other.device.pinLogin(otherTx.id);
    return device.signed('POST', `/transactions/${tx.id}/decision`, {
      decision: 'approve',
      finishLoginRequest: login.finishLoginRequest,
      signature: 'A'.repeat(86),
    });
  };
  const first = await forged();
  assert.deepEqual([first.statusCode, first.json().error, first.json().attemptsLeft], [400, 'wrong_pin', 2]);
  await forged();
  const third = await forged();
  assert.equal(third.statusCode, 423);
  assert.equal(third.json().error, 'pin_blocked');
});

test('parallel PIN starts cannot pass the limit: at most 3 are counted in a round', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  const opaque = await import('@serenity-kit/opaque');
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      device.signed('POST', `/transactions/${tx.id}/pin`, {
        startLoginRequest: opaque.client.startLogin({ password: '000000' }).startLoginRequest,
      }),
    ),
  );
  assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 200, 200, 423, 423, 423, 423, 423]);
  const row = await h.database.db
    .selectFrom('app_pins')
    .select('failures')
    .where('authenticator_id', '=', device.deviceId)
    .executeTakeFirstOrThrow();
  assert.equal(row.failures, 3);
});

test('a malformed PIN start is refused and not counted', async () => {
  const { person, device } = await h.activatedPerson();
  const tx = await payment(person, device);
  const res = await device.signed('POST', `/transactions/${tx.id}/pin`, { startLoginRequest: 'AAAA' });
  assert.equal(res.statusCode, 400);
  assert.deepEqual((await device.signed('GET', '')).json().pin, { blocked: false, attemptsLeft: 3 });
});
