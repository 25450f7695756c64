import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { approvalString } from './approvalString.ts';
import { NO_PIN, pinProof } from './pinProof.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import { expectStatus, type PendingTx, signP1363, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
let person: TestPerson;
let device: TestDevice;
before(async () => {
  h = await startAppHarness();
  ({ person, device } = await h.activatedPerson());
});
after(() => h.close());

async function pendingPayment(text = 'Overfør 1.250,00 kr. til 9999 0087654321'): Promise<PendingTx> {
  const created = await h.createTransaction({
    userId: person.userId,
    serviceName: 'Min Bank',
    action: 'approve',
    text,
    level: 'high',
  });
  const tx = (await device.pending()).find((t) => t.id === created.json().transactionId);
  assert.ok(tx);
  return tx;
}

const decide = (tx: PendingTx, body: Record<string, unknown>) =>
  device.signed('POST', `/transactions/${tx.id}/decision`, body);

test('a signature over another text, decision, challenge or proof is refused', async () => {
  const tx = await pendingPayment();
  const other = await pendingPayment('Overfør 99.000,00 kr. til 6666 0000000001');
  const cases: [string, string][] = [
    ['digest of another transaction', approvalString(tx.id, other.digest, tx.challenge, 'approve', NO_PIN)],
    [
      'challenge of another transaction',
      approvalString(tx.id, tx.digest, other.challenge, 'approve', NO_PIN),
    ],
    [
      'the decision reject signed, approve sent',
      approvalString(tx.id, tx.digest, tx.challenge, 'reject', NO_PIN),
    ],
    ['another transaction id', approvalString(other.id, tx.digest, tx.challenge, 'approve', NO_PIN)],
  ];
  for (const [name, message] of cases) {
    const login = await device.pinLogin(tx.id);
    assert.ok(login.finishLoginRequest && login.sessionKey, name);
    const res = await decide(tx, {
      decision: 'approve',
      finishLoginRequest: login.finishLoginRequest,
      signature: signP1363(
        device.privateKey,
        message.replace(`\n${NO_PIN}`, `\n${pinProof(login.sessionKey)}`),
      ),
    });
    assert.equal(res.statusCode, 400, name);
    assert.equal(res.json().error, 'invalid_approval', name);
  }
  // A pinProof that is not the session key's.
  const login = await device.pinLogin(tx.id);
  const res = await decide(tx, {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: device.approvalSignature(tx, 'approve', pinProof(Buffer.alloc(64).toString('base64url'))),
  });
  assert.equal(res.json().error, 'invalid_approval');
  // A flipped bit in a good signature.
  const good = await device.pinLogin(tx.id);
  const sig = Buffer.from(
    device.approvalSignature(tx, 'approve', pinProof(good.sessionKey ?? '')),
    'base64url',
  );
  sig[10] = (sig[10] ?? 0) ^ 1;
  const flipped = await decide(tx, {
    decision: 'approve',
    finishLoginRequest: good.finishLoginRequest,
    signature: sig.toString('base64url'),
  });
  assert.equal(flipped.json().error, 'invalid_approval');
  assert.equal((await h.transactionStatus(tx.id)).status, 'pending');
  // And the honest approval still works (the right PINs above reset the count).
  expectStatus(await device.decide(tx, 'approve'), 200);
});

test('a replayed approval is refused: the same request again, and its PIN proof on another transaction', async () => {
  const tx = await pendingPayment();
  const login = await device.pinLogin(tx.id);
  const body = {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: device.approvalSignature(tx, 'approve', pinProof(login.sessionKey ?? '')),
  };
  const url = `/api/app/v1/devices/${device.deviceId}/transactions/${tx.id}/decision`;
  const payload = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...device.signHeaders('POST', url, payload) };
  const first = await h.app.inject({ method: 'POST', url, headers, payload });
  assert.equal(first.statusCode, 200);
  // Byte for byte the same request, within the 60 s window: the signed content was seen already.
  const replay = await h.app.inject({ method: 'POST', url, headers, payload });
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.json().error, 'invalid_device_signature');
  // Freshly signed again, the decision itself is refused: it was taken once.
  const again = await decide(tx, body);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error, 'transaction_not_pending');
  assert.equal((await h.transactionStatus(tx.id)).status, 'approved');

  const next = await pendingPayment();
  const moved = await decide(next, body);
  assert.equal(moved.statusCode, 400);
  assert.equal(moved.json().error, 'invalid_approval');
  assert.equal((await h.transactionStatus(next.id)).status, 'pending');
});

test('a finished PIN check is used once: a second decision with it finds no login', async () => {
  const tx = await pendingPayment();
  const login = await device.pinLogin(tx.id);
  const badSignature = await decide(tx, {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: 'A'.repeat(86),
  });
  assert.equal(badSignature.json().error, 'invalid_approval');
  const retried = await decide(tx, {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: device.approvalSignature(tx, 'approve', pinProof(login.sessionKey ?? '')),
  });
  assert.equal(retried.statusCode, 400);
  assert.equal(retried.json().error, 'invalid_approval');
});

test("another device's PIN login cannot be finished by this device", async () => {
  const second = h.device({ deviceName: 'iPad' });
  await second.activate(person, await h.activationCode(person));
  const tx = await pendingPayment();
  const login = await second.pinLogin(tx.id);
  const res = await decide(tx, {
    decision: 'approve',
    finishLoginRequest: login.finishLoginRequest,
    signature: device.approvalSignature(tx, 'approve', pinProof(login.sessionKey ?? '')),
  });
  assert.equal(res.json().error, 'invalid_approval');
});

test('malformed decisions are bad requests', async () => {
  const tx = await pendingPayment();
  for (const body of [
    {},
    { decision: 'maybe', signature: 'A'.repeat(86) },
    { decision: 'approve' },
    { decision: 'approve', signature: 'A'.repeat(87) },
    { decision: 'approve', signature: 'A'.repeat(86), finishLoginRequest: 'AAAA', webauthn: {} },
  ]) {
    const res = await decide(tx, body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error, 'invalid_request');
  }
});
