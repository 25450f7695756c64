/**
 * The kept answer of a step (stepAnswers.ts) is given only to the same request, while the flow is
 * where that step moved it: someone who repeats step 2 with other codes learns nothing and
 * changes nothing; once the temporary PIN is used, or the flow has expired, not even the same
 * code gets the answer again; and the kept answer holds no temporary PIN in clear.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../../core/codes/index.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { ACTIVATION_TTL_MS } from './ActivationStore.ts';
import { type AppHarness, COOKIE_KEY, startAppHarness } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const other = (code: string, i: number): string => String((Number(code) + i) % 100_000_000).padStart(8, '0');

test('other codes after an accepted one: all refused with wrong_step, nothing counted, nothing sent', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  expectStatus(await device.step('activation-code', { code }), 200);
  const codes = new OneTimeCodes({
    db: h.database.db,
    clock: h.clock,
    random: cryptoRandom,
    key: deriveCodeKey(COOKIE_KEY),
  });
  const status = await codes.status(person.identityId, activationCodeSms);
  const messages = (await h.messagesTo(person.mobile ?? '')).length;

  const answers = [];
  for (let i = 1; i <= 20; i++) answers.push(await device.step('activation-code', { code: other(code, i) }));
  // The 20 tries were taken and answered …
  assert.equal(answers.length, 20);
  // … each with wrong_step and no more than that, and none touched the code or sent anything.
  assert.deepEqual(
    new Set(answers.map((r) => `${r.statusCode} ${r.json().error}`)),
    new Set(['409 wrong_step']),
  );
  assert.ok(answers.every((r) => r.json().sentTo === undefined && r.json().temporaryPin === undefined));
  assert.deepEqual(await codes.status(person.identityId, activationCodeSms), status);
  assert.equal((await h.messagesTo(person.mobile ?? '')).length, messages);
});

test('without a mobile number: the same code gets the temporary PIN again only until it is used; it is kept sealed', async () => {
  const person = await h.person({ mobile: null });
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  const first = await device.step('activation-code', { code });
  expectStatus(first, 200);
  const pin = String(first.json().temporaryPin);
  assert.match(pin, /^\d{8}$/);
  const row = await h.database.db
    .selectFrom('app_activations')
    .select(['answer', 'answer_request'])
    .where('id', '=', device.activationId)
    .executeTakeFirstOrThrow();
  assert.ok(!String(row.answer).includes(pin), 'the temporary PIN is not in the row in clear');
  assert.ok(!String(row.answer_request).includes(code), 'nor the activation code');

  // A repeat before the PIN is used: the same answer.
  assert.deepEqual((await device.step('activation-code', { code })).json(), first.json());
  await device.enterTemporaryPin(first.json(), null);
  // Used: the same code no longer brings it back.
  const afterUse = await device.step('activation-code', { code });
  assert.equal(afterUse.statusCode, 409);
  assert.equal(afterUse.json().error, 'wrong_step');
  assert.equal(afterUse.json().temporaryPin, undefined);
});

test('after the flow has expired, the same code gets activation_expired, not the answer', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  const device = h.device();
  device.activationId = (await device.start(person.userId)).json().activationId;
  expectStatus(await device.step('activation-code', { code }), 200);
  h.clock.advance(ACTIVATION_TTL_MS);
  const late = await device.step('activation-code', { code });
  assert.equal(late.statusCode, 410);
  assert.equal(late.json().error, 'activation_expired');
});
