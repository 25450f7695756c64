import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const other = (code: string, n: number): string => String((Number(code) + n) % 100_000_000).padStart(8, '0');

test('a flow takes three codes: two wrong ones answer with the tries left, the third ends the flow', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;

  const first = await device.step('activation-code', { code: other(code, 1) });
  assert.equal(first.statusCode, 400);
  assert.equal(first.json().error, 'wrong_code');
  assert.equal(first.json().attemptsLeft, 2);
  const second = await device.step('activation-code', { code: other(code, 2) });
  assert.equal(second.json().attemptsLeft, 1);
  const third = await device.step('activation-code', { code: other(code, 3) });
  assert.equal(third.statusCode, 410);
  assert.equal(third.json().error, 'code_blocked');
  // The flow is over: even the right code is refused in it.
  const right = await device.step('activation-code', { code });
  assert.equal(right.statusCode, 410);
  assert.equal(right.json().error, 'code_blocked');

  // The code itself is not blocked by one flow's three tries: a new flow redeems it.
  const again = h.device();
  again.activationId = (await again.start(person.userId)).json().activationId;
  assert.equal((await again.step('activation-code', { code })).statusCode, 200);
});

test('a malformed code is refused without costing a try', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  for (const bad of ['1234', 'abcdefgh', '123456789']) {
    const res = await device.step('activation-code', { code: bad });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'invalid_request');
  }
  assert.equal((await device.step('activation-code', { code: other(code, 1) })).json().attemptsLeft, 2);
  assert.equal(
    (await device.step('activation-code', { code: `${code.slice(0, 4)} ${code.slice(4)}` })).statusCode,
    200,
  );
});

test('parallel guesses get no more than three comparisons', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => device.step('activation-code', { code: other(code, i + 1) })),
  );
  const errors = answers.map((r) => r.json().error).sort();
  assert.equal(errors.filter((e) => e === 'wrong_code').length, 2);
  assert.equal(errors.filter((e) => e === 'code_blocked').length, 6);
});

test('a code is single use: a second device is told it is wrong, as for any other code', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const first = h.device();
  first.activationId = (await first.start(person.userId)).json().activationId;
  assert.equal((await first.step('activation-code', { code })).statusCode, 200);
  const second = h.device();
  second.activationId = (await second.start(person.userId)).json().activationId;
  const res = await second.step('activation-code', { code });
  assert.equal(res.statusCode, 400);
  assert.deepEqual([res.json().error, res.json().attemptsLeft], ['wrong_code', 2]);
});
