import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const step = async (h: AppHarness, id: string) =>
  (
    await h.database.db
      .selectFrom('app_activations')
      .select('step')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).step;

test('each step is accepted once and only in order; a repeated call changes nothing', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;

  // Out of order: the later steps before the code.
  for (const s of ['temporary-pin', 'pin', 'finish'] as const) {
    const res = await device.step(s, { temporaryPin: '12345678', registrationRequest: 'AAAA' });
    assert.equal(res.statusCode, 409, s);
    assert.equal(res.json().error, 'wrong_step');
  }
  assert.equal(await step(h, device.activationId), 'activationCode');

  const coded = await device.step('activation-code', { code });
  expectStatus(coded, 200);
  // The same code again (a retry after a lost answer) gets the same answer; another code does not.
  const again = await device.step('activation-code', { code });
  expectStatus(again, 200);
  assert.deepEqual(again.json(), coded.json());
  const other = await device.step('activation-code', { code: code === '12345678' ? '87654321' : '12345678' });
  assert.equal(other.json().error, 'wrong_step');
  // Only one temporary PIN was sent.
  assert.equal((await h.messagesTo(person.mobile ?? '')).filter((m) => /\d{8}/.test(m.body)).length, 1);

  await device.enterTemporaryPin(coded.json(), person.mobile);
  const pinAgain = await device.step('temporary-pin', { temporaryPin: device.temporaryPinValue });
  assert.equal(pinAgain.json().error, 'wrong_step');
  assert.equal(await step(h, device.activationId), 'pin');

  expectStatus(await device.choosePinAndFinish(), 201);
  const registerAgain = await device.step('pin', { registrationRequest: 'AAAA' });
  assert.equal(registerAgain.json().error, 'wrong_step');
  const finishAgain = await device.step('finish', {
    registrationRecord: 'AAAA',
    publicKey: device.publicJwk,
  });
  assert.equal(finishAgain.json().error, 'wrong_step');
  // The same finish again gets the same device, and makes none.
  const sameFinish = await device.step('finish', device.finishBody);
  expectStatus(sameFinish, 201);
  assert.equal(sameFinish.json().deviceId, device.deviceId);
  const devices = await h.database.db
    .selectFrom('authenticators')
    .select('id')
    .where('identity_id', '=', person.identityId)
    .where('kind', '=', 'app')
    .execute();
  assert.equal(devices.length, 1);
});

test('two finishes at once store one device, and both hear of it', async () => {
  const person = await h.person();
  const device = h.device();
  const started = await device.start(person.userId);
  device.activationId = started.json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  await device.enterTemporaryPin(coded.json(), person.mobile);
  const opaque = await import('@serenity-kit/opaque');
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password: '123456',
  });
  const response = (await device.step('pin', { registrationRequest })).json().registrationResponse;
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState,
    registrationResponse: response,
    password: '123456',
    keyStretching: { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } },
  });
  const both = await Promise.all([
    device.step('finish', { registrationRecord, publicKey: device.publicJwk }),
    device.step('finish', { registrationRecord, publicKey: device.publicJwk }),
  ]);
  assert.deepEqual(
    both.map((r) => r.statusCode),
    [201, 201],
  );
  assert.equal(both[0]?.json().deviceId, both[1]?.json().deviceId);
  const devices = await h.database.db
    .selectFrom('authenticators')
    .select('id')
    .where('identity_id', '=', person.identityId)
    .where('kind', '=', 'app')
    .execute();
  assert.equal(devices.length, 1);
});

test('a bad public key or record is refused and the flow stays at finish', async () => {
  const person = await h.person();
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  await device.enterTemporaryPin(coded.json(), person.mobile);
  const opaque = await import('@serenity-kit/opaque');
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password: '123456',
  });
  const response = (await device.step('pin', { registrationRequest })).json().registrationResponse;
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState,
    registrationResponse: response,
    password: '123456',
  });
  const { crypto } = globalThis;
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const p384 = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
  const badKeys = [
    privateJwk, // carries d
    await crypto.subtle.exportKey('jwk', p384.publicKey),
    { ...device.publicJwk, y: device.publicJwk.x }, // not on the curve
    { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
    'not a key',
  ];
  for (const publicKey of badKeys) {
    const res = await device.step('finish', { registrationRecord, publicKey });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  }
  const badRecord = await device.step('finish', {
    registrationRecord: 'A'.repeat(256),
    publicKey: device.publicJwk,
  });
  assert.equal(badRecord.json().error, 'invalid_request');
  assert.equal(await step(h, device.activationId), 'finish');
  expectStatus(await device.step('finish', { registrationRecord, publicKey: device.publicJwk }), 201);
});

test('an unknown activation id is not found', async () => {
  const device = h.device();
  device.activationId = 'no-such-activation';
  const res = await device.step('activation-code', { code: '12345678' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error, 'not_found');
});
