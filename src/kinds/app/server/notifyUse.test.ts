import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const login = { serviceName: 'borger.dk', action: 'login', text: 'Log på borger.dk', level: 'substantial' };

test('with "besked hver gang" chosen, every approval is announced; a rejection is not', async () => {
  const person = await h.person();
  const device = h.device();
  await device.activate(person, await h.activationCode(person), { notifyEveryUse: true });
  const mobile = person.mobile ?? '';
  const before = (await h.messagesTo(mobile)).length;

  await h.createTransaction({ userId: person.userId, ...login });
  const [tx] = await device.pending();
  assert.ok(tx);
  assert.equal((await device.decide(tx, 'approve')).statusCode, 200);
  const after = await h.messagesTo(mobile);
  assert.equal(after.length, before + 1);
  assert.match(after.at(-1)?.body ?? '', /Dit MitID blev brugt til at godkende hos borger\.dk/);
  assert.match(after.at(-1)?.body ?? '', /Your MitID was used to approve at borger\.dk/);

  await h.createTransaction({ userId: person.userId, ...login });
  const [second] = await device.pending();
  assert.ok(second);
  assert.equal((await device.decide(second, 'reject')).statusCode, 200);
  assert.equal((await h.messagesTo(mobile)).length, before + 1);
});

test('without it, approvals send nothing', async () => {
  const { person, device } = await h.activatedPerson();
  const mobile = person.mobile ?? '';
  const before = (await h.messagesTo(mobile)).length;
  await h.createTransaction({ userId: person.userId, ...login });
  const [tx] = await device.pending();
  assert.ok(tx);
  assert.equal((await device.decide(tx, 'approve')).statusCode, 200);
  assert.equal((await h.messagesTo(mobile)).length, before);
});
