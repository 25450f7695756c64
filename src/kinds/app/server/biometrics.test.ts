import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approvalString } from './approvalString.ts';
import { BIOMETRICS } from './pinProof.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { SoftAuthenticator } from './testing/softAuthenticator.ts';
import { expectStatus, type PendingTx, signP1363, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const payment = {
  serviceName: 'Min Bank',
  action: 'approve',
  text: 'Overfør 500,00 kr. til 1234 5678901234',
  level: 'high',
};

async function withBiometrics(device: TestDevice): Promise<SoftAuthenticator> {
  const authenticator = new SoftAuthenticator(h.config.mitidUrl);
  const options = await device.signed('POST', '/biometrics/options');
  expectStatus(options, 200);
  const o = options.json();
  assert.equal(o.rp.id, new URL(h.config.mitidUrl).hostname);
  assert.deepEqual(o.authenticatorSelection, {
    authenticatorAttachment: 'platform',
    userVerification: 'required',
    residentKey: 'discouraged',
    requireResidentKey: false,
  });
  expectStatus(await device.signed('POST', '/biometrics', { response: authenticator.register(o) }), 201);
  return authenticator;
}

async function approveWithBiometrics(
  device: TestDevice,
  tx: PendingTx,
  authenticator: SoftAuthenticator,
  opts: { origin?: string; counter?: number } = {},
) {
  const options = await device.signed('POST', `/transactions/${tx.id}/biometrics`);
  if (options.statusCode !== 200) return options;
  assert.equal(options.json().challenge, tx.challenge);
  assert.equal(options.json().userVerification, 'required');
  return device.signed('POST', `/transactions/${tx.id}/decision`, {
    decision: 'approve',
    webauthn: authenticator.assert(options.json(), opts),
    signature: signP1363(
      device.privateKey,
      approvalString(tx.id, tx.digest, tx.challenge, 'approve', BIOMETRICS),
    ),
  });
}

async function newPayment(userId: string, device: TestDevice): Promise<PendingTx> {
  expectStatus(await h.createTransaction({ userId, ...payment }), 201);
  const tx = (await device.pending()).at(-1);
  assert.ok(tx);
  return tx;
}

test('biometrics turned on approve a payment in place of the PIN', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  assert.equal((await device.signed('GET', '')).json().biometrics, true);
  const tx = await newPayment(person.userId, device);
  const res = await approveWithBiometrics(device, tx, authenticator);
  assert.equal(res.statusCode, 200, res.body);
  const status = await h.transactionStatus(tx.id);
  assert.equal(status.status, 'approved');
  assert.equal(status.method, 'biometrics');
});

test('an assertion without user verification, from another origin, or with a counter that goes back is refused', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  const tx = await newPayment(person.userId, device);

  authenticator.userVerified = false;
  assert.equal((await approveWithBiometrics(device, tx, authenticator)).json().error, 'invalid_approval');
  authenticator.userVerified = true;
  assert.equal(
    (await approveWithBiometrics(device, tx, authenticator, { origin: 'https://mitid.example.net' })).json()
      .error,
    'invalid_approval',
  );
  expectStatus(await approveWithBiometrics(device, tx, authenticator, { counter: 10 }), 200);
  const next = await newPayment(person.userId, device);
  assert.equal(
    (await approveWithBiometrics(device, next, authenticator, { counter: 10 })).json().error,
    'invalid_approval',
  );
  assert.equal(
    (await approveWithBiometrics(device, next, authenticator, { counter: 3 })).json().error,
    'invalid_approval',
  );
  expectStatus(await approveWithBiometrics(device, next, authenticator, { counter: 11 }), 200);
});

test('an assertion for another transaction does not approve this one', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  const first = await newPayment(person.userId, device);
  const second = await newPayment(person.userId, device);
  const res = await device.signed('POST', `/transactions/${second.id}/decision`, {
    decision: 'approve',
    webauthn: authenticator.assert({ challenge: first.challenge }),
    signature: signP1363(
      device.privateKey,
      approvalString(second.id, second.digest, second.challenge, 'approve', BIOMETRICS),
    ),
  });
  assert.equal(res.json().error, 'invalid_approval');
});

test('with several users in the app biometrics are refused and the credential is dropped', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  const reported = await device.signed('POST', '/users-in-app', { count: 2 });
  assert.deepEqual(reported.json(), { biometricsAllowed: false });
  const info = (await device.signed('GET', '')).json();
  assert.equal(info.biometrics, false);
  assert.equal(info.biometricsAllowed, false);
  const tx = await newPayment(person.userId, device);
  const res = await approveWithBiometrics(device, tx, authenticator);
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().error, 'biometrics_not_allowed');
  assert.equal((await device.signed('POST', '/biometrics/options')).json().error, 'biometrics_not_allowed');
});

test('a second user activated in the same app (usersInApp 2) never gets biometrics', async () => {
  const person = await h.person();
  const device = h.device();
  await device.activate(person, await h.activationCode(person), { usersInApp: 2 });
  const res = await device.signed('POST', '/biometrics/options');
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().error, 'biometrics_not_allowed');
});

test('turned off, biometrics no longer approve', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  assert.deepEqual((await device.signed('DELETE', '/biometrics')).json(), { biometrics: false });
  const tx = await newPayment(person.userId, device);
  assert.equal(
    (await approveWithBiometrics(device, tx, authenticator)).json().error,
    'biometrics_not_allowed',
  );
});

test('a registration needs the challenge just handed out, once', async () => {
  const { device } = await h.activatedPerson();
  const authenticator = new SoftAuthenticator(h.config.mitidUrl);
  const options = (await device.signed('POST', '/biometrics/options')).json();
  const forged = await device.signed('POST', '/biometrics', {
    response: authenticator.register({ challenge: 'AAAA' }),
  });
  assert.equal(forged.json().error, 'invalid_approval');
  // The failed try used the challenge up.
  const late = await device.signed('POST', '/biometrics', { response: authenticator.register(options) });
  assert.equal(late.json().error, 'invalid_approval');
});

test('biometrics do not get round a blocked PIN', async () => {
  const { person, device } = await h.activatedPerson();
  const authenticator = await withBiometrics(device);
  const tx = await newPayment(person.userId, device);
  for (let i = 0; i < 3; i++) await device.pinLogin(tx.id, '000000');
  const res = await approveWithBiometrics(device, tx, authenticator);
  assert.equal(res.statusCode, 423);
  assert.equal(res.json().error, 'pin_blocked');
});
