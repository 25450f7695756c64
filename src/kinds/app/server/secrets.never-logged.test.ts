/**
 * Nothing secret in a log or on the wire: a full activation (by activation code and by transfer
 * code) and approvals with the PIN, with the service's logger at level trace writing to memory.
 * The PIN's 6 digits never leave the device: the client sends only OPAQUE messages (asserted on
 * every request the device sent, body, URL and headers).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { memoryLogger } from '../../../core/messages/testing/index.ts';
import { pinProof } from './pinProof.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus, type TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
let lines: string[];
const secrets: { name: string; value: string }[] = [];
const keep = (name: string, value: string | undefined): void => {
  assert.ok(value, name);
  secrets.push({ name, value });
};
const devices: TestDevice[] = [];

before(async () => {
  const sink = memoryLogger();
  lines = sink.lines;
  h = await startAppHarness({ logger: sink.logger });
});
after(() => h.close());

test('a full activation and approvals leave no PIN, code, key or session key in the log or on the wire', async () => {
  const person = await h.person();
  const device = h.device({ pin: '908172', keyStretching: 'library default' });
  devices.push(device);
  const code = await h.activationCode(person);
  keep('activation code', code);
  await device.activate(person, code);
  keep('temporary PIN', device.temporaryPinValue);
  keep('private key', String(device.privateKey.export({ format: 'jwk' }).d));

  for (const level of ['high', 'substantial']) {
    const created = await h.createTransaction({
      userId: person.userId,
      serviceName: 'Min Bank',
      action: level === 'high' ? 'approve' : 'login',
      text: 'Overfør 1.250,00 kr. til 9999 0087654321',
      level,
    });
    const tx = (await device.pending()).find((t) => t.id === created.json().transactionId);
    assert.ok(tx);
    if (level === 'high') {
      const login = await device.pinLogin(tx.id);
      keep('session key', login.sessionKey);
      keep('PIN proof', pinProof(login.sessionKey ?? ''));
      keep('finishLoginRequest', login.finishLoginRequest);
      expectStatus(
        await device.signed('POST', `/transactions/${tx.id}/decision`, {
          decision: 'approve',
          finishLoginRequest: login.finishLoginRequest,
          signature: device.approvalSignature(tx, 'approve', pinProof(login.sessionKey ?? '')),
        }),
        200,
      );
    } else {
      expectStatus(await device.decide(tx, 'approve'), 200);
    }
  }
  // A wrong PIN too: the digits typed never leave the device either.
  await h.createTransaction({
    userId: person.userId,
    serviceName: 'Min Bank',
    action: 'approve',
    text: 'Overfør 1,00 kr.',
  });
  const [tx] = await device.pending();
  assert.ok(tx);
  await device.pinLogin(tx.id, '271828');

  const transfer = await device.signed('POST', '/transfer-codes');
  keep('transfer code', transfer.json().transferCode);
  keep('transfer code digits', transfer.json().transferCode.replace('-', ''));
  const second = h.device({ pin: '314159', deviceName: 'iPad' });
  devices.push(second);
  const started = await second.start(person.userId, transfer.json().transferCode);
  second.activationId = started.json().activationId;
  await second.enterTemporaryPin(started.json(), person.mobile);
  keep('second temporary PIN', second.temporaryPinValue);
  expectStatus(await second.choosePinAndFinish(), 201);
  keep('registration record', String(second.finishBody.registrationRecord));

  assert.ok(lines.length > 20, 'the log was written');
  const log = lines.join('\n');
  for (const { name, value } of secrets) assert.ok(!log.includes(value), `the log holds the ${name}`);
  for (const pin of ['908172', '271828', '314159']) assert.ok(!log.includes(pin), 'the log holds a PIN');
});

test('no request the devices sent holds the PIN: only OPAQUE messages go out', () => {
  const sent = devices.flatMap((d) => d.sent);
  assert.ok(sent.some((r) => r.url.endsWith('/pin') && r.payload.includes('registrationRequest')));
  assert.ok(sent.some((r) => r.url.endsWith('/pin') && r.payload.includes('startLoginRequest')));
  assert.ok(sent.some((r) => r.url.endsWith('/decision') && r.payload.includes('finishLoginRequest')));
  for (const r of sent) {
    const wire = `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.payload}`;
    for (const pin of ['908172', '271828', '314159'])
      assert.ok(!wire.includes(pin), `${r.method} ${r.url} holds a PIN`);
  }
});
