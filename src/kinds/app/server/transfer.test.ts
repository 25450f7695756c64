import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

test('an existing app adds a new device with a transfer code, then the temporary PIN', async () => {
  const { person, device } = await h.activatedPerson();
  const issued = await device.signed('POST', '/transfer-codes');
  assert.equal(issued.statusCode, 201);
  const { transferCode } = issued.json();
  assert.match(transferCode, /^\d{4}-\d{4}$/);

  const next = h.device({ deviceName: 'iPad', pin: '918273' });
  const started = await next.start(person.userId, transferCode);
  assert.equal(started.statusCode, 201);
  assert.equal(started.json().next, 'temporaryPin');
  assert.match(started.json().sentTo, /^\+45 •• •• \d\d \d\d$/);
  next.activationId = started.json().activationId;
  await next.enterTemporaryPin(started.json(), person.mobile);
  expectStatus(await next.choosePinAndFinish(), 201);
  assert.equal((await next.signed('GET', '')).json().userId, person.userId);
  const via = await h.database.db
    .selectFrom('app_activations')
    .select('via')
    .where('id', '=', next.activationId)
    .executeTakeFirstOrThrow();
  assert.equal(via.via, 'transferCode');

  // Single use.
  const again = await h.device().start(person.userId, transferCode);
  assert.equal(again.statusCode, 410);
  assert.equal(again.json().error, 'code_expired');
});

test('a transfer code works only for its own person, and three wrong tries block it (every refusal alike)', async () => {
  const { person, device } = await h.activatedPerson();
  const { person: other } = await h.activatedPerson();
  const { transferCode } = (await device.signed('POST', '/transfer-codes')).json();
  assert.equal((await h.device().start(other.userId, transferCode)).statusCode, 410);
  const digits = transferCode.replace('-', '');
  const wrong = (n: number) => String((Number(digits) + n) % 100_000_000).padStart(8, '0');
  const first = await h.device().start(person.userId, wrong(1));
  assert.deepEqual(
    [first.statusCode, first.json().error, first.json().attemptsLeft],
    [410, 'code_expired', undefined],
  );
  await h.device().start(person.userId, wrong(2));
  assert.equal((await h.device().start(person.userId, wrong(3))).json().error, 'code_expired');
  const row = await h.database.db
    .selectFrom('one_time_codes')
    .select('attempts')
    .where('flow_id', '=', `app-transfer:${person.identityId}`)
    .executeTakeFirstOrThrow();
  assert.equal(row.attempts, 3, 'the wrong tries were counted on the code');
  assert.equal((await h.device().start(person.userId, transferCode)).json().error, 'code_expired');
  // No flow was started by the refusals.
  const flows = await h.database.db
    .selectFrom('app_activations')
    .select('id')
    .where('identity_id', '=', person.identityId)
    .execute();
  assert.equal(flows.length, 1);
});

test('a new transfer code replaces the previous one', async () => {
  const { person, device } = await h.activatedPerson();
  const first = (await device.signed('POST', '/transfer-codes')).json().transferCode;
  const second = (await device.signed('POST', '/transfer-codes')).json().transferCode;
  if (first !== second) assert.equal((await h.device().start(person.userId, first)).statusCode, 410);
  expectStatus(await h.device().start(person.userId, second), 201);
});
