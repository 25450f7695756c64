import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import type { TestDevice } from './testing/TestDevice.ts';

let h: AppHarness;
let person: TestPerson;
let device: TestDevice;
before(async () => {
  h = await startAppHarness();
  ({ person, device } = await h.activatedPerson());
});
after(() => h.close());

const base = () => ({ userId: person.userId, serviceName: 'Min Bank', action: 'approve' });

test('a text of 130 characters is shown exactly; 131 is refused', async () => {
  const text130 = `Overfør æøå ${'x'.repeat(118)}`;
  assert.equal([...text130].length, 130);
  const ok = await h.createTransaction({ ...base(), text: text130 });
  assert.equal(ok.statusCode, 201);
  const [tx] = await device.pending();
  assert.equal(tx?.text, text130);
  const tooLong = await h.createTransaction({ ...base(), text: `${text130}y` });
  assert.equal(tooLong.statusCode, 400);
  assert.equal(tooLong.json().error, 'invalid_request');
});

test('characters are counted as people count them: 130 emoji pass', async () => {
  const res = await h.createTransaction({ ...base(), text: '💸'.repeat(130) });
  assert.equal(res.statusCode, 201);
});

test('empty, multi-line or control-character texts, unknown actions and levels are refused', async () => {
  for (const body of [
    { ...base(), text: '' },
    { ...base(), text: '   ' },
    { ...base(), text: 'line one\nline two' },
    { ...base(), text: 'bell\u0007' },
    { ...base(), text: 'paragraph\u2029separator' },
    { ...base(), text: 42 },
    { ...base(), action: 'transfer', text: 'x' },
    { ...base(), text: 'x', level: 'low' },
    { ...base(), text: 'x', serviceName: '' },
    { text: 'x', serviceName: 'Min Bank', action: 'login' },
  ]) {
    const res = await h.createTransaction(body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error, 'invalid_request');
  }
});

test('a wrong client secret is refused; a client reads only its own transactions', async () => {
  const res = await h.createTransaction({ ...base(), text: 'x' }, 'wrong-secret');
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error, 'invalid_client');
  const created = await h.createTransaction({ ...base(), text: 'x' });
  const noAuth = await h.app.inject({
    method: 'GET',
    url: `/api/transactions/${created.json().transactionId}`,
  });
  assert.equal(noAuth.json().error, 'invalid_client');
  assert.equal((await h.transactionStatus('no-such-transaction')).error, 'not_found');
});

test('an unknown user-ID gets the same answer, and nobody sees the transaction', async () => {
  const res = await h.createTransaction({ ...base(), userId: 'nobody-has-this-id', text: 'x' });
  assert.equal(res.statusCode, 201);
  assert.deepEqual(Object.keys(res.json()).sort(), ['expiresAt', 'transactionId']);
  assert.equal((await h.transactionStatus(res.json().transactionId)).status, 'pending');
});
