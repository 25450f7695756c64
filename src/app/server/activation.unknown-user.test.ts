import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IdentityStore } from '../../identity/IdentityStore.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const shape = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, k === 'activationId' ? typeof v : v]));

test('an unknown user-ID gets the same answers as a known one without a live code', async () => {
  const known = await h.person();
  const a = h.device();
  const b = h.device();
  const startKnown = await a.start(known.userId);
  const startUnknown = await b.start('nobody-has-this-id');
  assert.equal(startKnown.statusCode, startUnknown.statusCode);
  assert.deepEqual(shape(startKnown.json()), shape(startUnknown.json()));
  assert.deepEqual(Object.keys(startKnown.headers).sort(), Object.keys(startUnknown.headers).sort());
  a.activationId = startKnown.json().activationId;
  b.activationId = startUnknown.json().activationId;

  const onKnown = await a.step('activation-code', { code: '12345678' });
  const onUnknown = await b.step('activation-code', { code: '12345678' });
  assert.equal(onKnown.statusCode, 410);
  assert.equal(onUnknown.statusCode, 410);
  assert.deepEqual(onKnown.json(), onUnknown.json());
  assert.deepEqual(onUnknown.json().error, 'code_expired');
});

test('a blocked or revoked MitID answers as an unknown user-ID', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  await new IdentityStore(h.database.db).setStatus(person.identityId, 'revoked', h.clock.now().getTime());
  const device = h.device();
  const started = await device.start(person.userId);
  assert.equal(started.statusCode, 201);
  device.activationId = started.json().activationId;
  assert.equal((await device.step('activation-code', { code })).json().error, 'code_expired');
});

test('a transfer code for an unknown user-ID answers as one with no live transfer code', async () => {
  const { person } = await h.activatedPerson();
  const known = await h.device().start(person.userId, '1234-5678');
  const unknown = await h.device().start('nobody-has-this-id', '1234-5678');
  assert.equal(known.statusCode, 410);
  assert.deepEqual(known.json(), unknown.json());
});
