import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const wrong = (pin: string, n: number): string => String((Number(pin) + n) % 100_000_000).padStart(8, '0');

test('three wrong temporary PINs block it: the right one is refused and the flow cannot go on', async () => {
  const person = await h.person();
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const coded = await device.step('activation-code', { code: await h.activationCode(person) });
  const pin = await device.readTemporaryPin(coded.json(), person.mobile);

  const first = await device.step('temporary-pin', { temporaryPin: wrong(pin, 1) });
  assert.equal(first.statusCode, 400);
  assert.deepEqual([first.json().error, first.json().attemptsLeft], ['wrong_temporary_pin', 2]);
  const second = await device.step('temporary-pin', { temporaryPin: wrong(pin, 2) });
  assert.equal(second.json().attemptsLeft, 1);
  const third = await device.step('temporary-pin', { temporaryPin: wrong(pin, 3) });
  assert.equal(third.statusCode, 410);
  assert.equal(third.json().error, 'code_blocked');
  const right = await device.step('temporary-pin', { temporaryPin: pin });
  assert.equal(right.json().error, 'code_blocked');
  assert.equal((await device.step('pin', { registrationRequest: 'AAAA' })).json().error, 'wrong_step');
});

test("one activation's temporary PIN does not work in another", async () => {
  const person = await h.person({ mobile: null });
  const first = h.device();
  first.activationId = (await first.start(person.userId)).json().activationId;
  const coded = await first.step('activation-code', { code: await h.activationCode(person) });
  const pinOfFirst = coded.json().temporaryPin;
  const second = h.device();
  second.activationId = (await second.start(person.userId)).json().activationId;
  const codedSecond = await second.step('activation-code', { code: await h.activationCode(person) });
  expectStatus(codedSecond, 200);
  if (pinOfFirst !== codedSecond.json().temporaryPin) {
    assert.equal(
      (await second.step('temporary-pin', { temporaryPin: pinOfFirst })).json().error,
      'wrong_temporary_pin',
    );
  }
  expectStatus(await first.step('temporary-pin', { temporaryPin: pinOfFirst }), 200);
});
