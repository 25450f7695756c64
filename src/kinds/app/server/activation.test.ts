import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IdentityStore } from '../../../core/identity/index.ts';
import { EnrollmentStore } from '../../../flows/enrollment/index.ts';
import { enrollmentKinds } from '../../../flows/enrollment/testing/index.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

test('the whole activation after a bank enrollment: device stored, identity active, enrollment done', async () => {
  const person = await h.person();
  const device = h.device();
  const started = await device.start(person.userId);
  assert.equal(started.statusCode, 201);
  const first = started.json();
  assert.equal(first.next, 'activationCode');
  assert.equal(first.expiresAt, h.clock.now().getTime() + 15 * 60_000);
  device.activationId = first.activationId;

  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  assert.equal(coded.statusCode, 200);
  assert.deepEqual(coded.json(), {
    next: 'temporaryPin',
    sentTo: `+45 •• •• ${person.mobile?.slice(-4, -2)} ${person.mobile?.slice(-2)}`,
  });

  await device.enterTemporaryPin(coded.json(), person.mobile);
  assert.match(device.temporaryPinValue, /^\d{8}$/);
  const finished = await device.choosePinAndFinish();
  assert.equal(finished.statusCode, 201);
  assert.deepEqual(finished.json(), { deviceId: device.deviceId, userId: person.userId });

  const identity = await new IdentityStore(h.database.db).getById(person.identityId);
  assert.equal(identity?.status, 'active');
  const enrollment = await new EnrollmentStore(h.database.db, enrollmentKinds).get(person.enrollmentId);
  assert.equal(enrollment?.state.step, 'done');
  assert.equal(enrollment?.open, false);
  const row = await h.database.db
    .selectFrom('app_devices as d')
    .innerJoin('authenticators as a', 'a.id', 'd.authenticator_id')
    .selectAll()
    .where('d.authenticator_id', '=', device.deviceId)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'active');
  assert.equal(row.kind, 'app');
  assert.deepEqual(JSON.parse(row.factors), ['possession', 'knowledge', 'inherence']);
  assert.deepEqual(JSON.parse(row.public_key), device.publicJwk);

  const info = await device.signed('GET', '');
  expectStatus(info, 200);
  assert.deepEqual(info.json(), {
    deviceId: device.deviceId,
    userId: person.userId,
    name: device.deviceName,
    biometrics: false,
    biometricsAllowed: true,
    pin: { blocked: false, attemptsLeft: 3 },
  });
});

test('without a mobile number the temporary PIN comes back in the answer, and nothing is sent by SMS', async () => {
  const person = await h.person({ mobile: null });
  const device = h.device();
  const started = await device.start(person.userId);
  device.activationId = started.json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  assert.equal(coded.statusCode, 200);
  assert.equal(coded.json().next, 'temporaryPin');
  assert.match(coded.json().temporaryPin, /^\d{8}$/);
  assert.equal(coded.json().sentTo, undefined);
  await device.enterTemporaryPin(coded.json(), null);
  assert.equal((await device.choosePinAndFinish()).statusCode, 201);
});

test('the user-ID is found without regard to case', async () => {
  const person = await h.person({ userId: 'Camel.Case.User' });
  const device = h.device();
  await device.activate({ ...person, userId: 'camel.case.user' }, await h.activationCode(person));
  assert.ok(device.deviceId);
});

test('English answers and messages when the app asks for English', async () => {
  const person = await h.person();
  const device = h.device({ lang: 'en' });
  const started = await device.start(person.userId);
  device.activationId = started.json().activationId;
  const code = await h.activationCode(person);
  const wrong = await device.step('activation-code', { code: code === '00000000' ? '11111111' : '00000000' });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().message, 'The code is wrong, or it can no longer be used. Try again.');
  assert.equal(wrong.headers['content-language'], 'en');
  const coded = await device.step('activation-code', { code });
  assert.equal(coded.statusCode, 200);
  const sms = await h.messagesTo(person.mobile ?? '');
  assert.match(sms.at(-1)?.body ?? '', /^Your temporary PIN for the MitID app is \d{8}\./);
});
