import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import { expectStatus, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

/** Runs the activation up to (not including) finish. */
async function upToFinish(person: TestPerson, device: TestDevice): Promise<void> {
  device.activationId = (await device.start(person.userId)).json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  expectStatus(coded, 200);
  await device.enterTemporaryPin(coded.json(), person.mobile);
}

test('a fourth device is refused when its code is typed, and no transfer code is handed out', async () => {
  const { person, device } = await h.activatedPerson();
  for (const name of ['iPad', 'Arbejdstelefon'])
    await h.device({ deviceName: name }).activate(person, await h.activationCode(person));
  const fourth = h.device();
  fourth.activationId = (await fourth.start(person.userId)).json().activationId;
  const res = await fourth.step('activation-code', { code: await h.activationCode(person) });
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().error, 'too_many_devices');
  const transfer = await device.signed('POST', '/transfer-codes');
  assert.equal(transfer.statusCode, 409);
  assert.equal(transfer.json().error, 'too_many_devices');
});

test('a fourth device is refused at finish too (two flows under way at once); the flow may finish once a device is removed', async () => {
  const person = await h.person();
  const first = h.device();
  await first.activate(person, await h.activationCode(person));
  await h.device().activate(person, await h.activationCode(person));
  const third = h.device();
  const fourth = h.device();
  await upToFinish(person, third);
  await upToFinish(person, fourth);
  expectStatus(await third.choosePinAndFinish(), 201);
  const refused = await fourth.choosePinAndFinish();
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error, 'too_many_devices');

  expectStatus(await first.signed('DELETE', ''), 200);
  assert.equal((await first.signed('GET', '')).json().error, 'invalid_device_signature');
  const finish = await h.database.db
    .selectFrom('app_activations')
    .select('step')
    .where('id', '=', fourth.activationId)
    .executeTakeFirstOrThrow();
  assert.equal(finish.step, 'finish');
  expectStatus(await fourth.finish(), 201);
  // Its PIN works: the OPAQUE record was made for its own device id.
  await h.createTransaction({
    userId: person.userId,
    serviceName: 'Min Bank',
    action: 'approve',
    text: 'Overfør 1,00 kr.',
  });
  const [tx] = await fourth.pending();
  assert.ok(tx);
  expectStatus(await fourth.decide(tx, 'approve'), 200);
});

test('two third devices finishing at the same moment: exactly one wins', async () => {
  const person = await h.person();
  await h.device().activate(person, await h.activationCode(person));
  await h.device().activate(person, await h.activationCode(person));
  const a = h.device();
  const b = h.device();
  await upToFinish(person, a);
  await upToFinish(person, b);
  const results = await Promise.all([a.choosePinAndFinish(), b.choosePinAndFinish()]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
  const active = await h.database.db
    .selectFrom('authenticators')
    .select('id')
    .where('identity_id', '=', person.identityId)
    .where('kind', '=', 'app')
    .where('status', '=', 'active')
    .execute();
  assert.equal(active.length, 3);
});
