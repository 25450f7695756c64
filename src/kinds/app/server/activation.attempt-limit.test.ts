/**
 * Activation codes cannot be burnt by strangers (issue 7, item 2). Anyone may start activations
 * for a user-ID and type codes; each test first shows that the stranger's tries were accepted and
 * counted, then that the owner still gets what they need.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { activationCodeSms } from '../../../core/codes/index.ts';
import { type AppHarness, startAppHarness, type TestPerson } from './testing/appHarness.ts';
import { expectStatus } from './testing/TestDevice.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

const other = (code: string, n: number): string => String((Number(code) + n) % 100_000_000).padStart(8, '0');

/** A stranger's flow for `userId` with these codes typed; the error codes it was answered. */
async function strangerFlow(userId: string, codes: string[]): Promise<string[]> {
  const device = h.device();
  device.activationId = (await device.start(userId)).json().activationId;
  const seen: string[] = [];
  for (const code of codes) {
    const res = await device.step('activation-code', { code });
    seen.push(`${res.json().error}${res.json().attemptsLeft ?? ''}`);
  }
  return seen;
}

const codeRow = (p: TestPerson) =>
  h.database.db
    .selectFrom('one_time_codes')
    .select(['attempts', 'max_attempts', 'used_at'])
    .where('flow_id', '=', p.identityId)
    .executeTakeFirstOrThrow();

/** The code-guessing messages the person got, by channel ("…forkerte aktiveringskoder…"). */
async function guessingNotices(p: TestPerson): Promise<string[]> {
  const all = [
    ...(p.mobile ? await h.messagesTo(p.mobile) : []),
    ...(p.email ? await h.messagesTo(p.email) : []),
  ];
  return all
    .filter((m) => /aktiveringskoder? til MitID app/.test(m.body))
    .map((m) => `${m.channel}:${/er spærret/.test(m.body) ? 'blocked' : 'warning'}`);
}

test("a stranger's wrong codes, in one flow or several, do not stop the owner's flow with the right code", async () => {
  const owner = await h.person();
  const code = await h.activationCode(owner);

  // The attack: a whole flow of three wrong codes, then two more in a second flow.
  assert.deepEqual(
    await strangerFlow(
      owner.userId,
      [1, 2, 3].map((n) => other(code, n)),
    ),
    ['wrong_code2', 'wrong_code1', 'code_blocked'],
  );
  assert.deepEqual(
    await strangerFlow(
      owner.userId,
      [4, 5].map((n) => other(code, n)),
    ),
    ['wrong_code2', 'wrong_code1'],
  );
  const counted = await codeRow(owner);
  assert.equal(counted.attempts, 5, "the stranger's five tries were counted on the code");
  assert.equal(counted.used_at, null);

  // The owner's own flow with the right code activates the app.
  const device = h.device();
  await device.activate(owner, code);
  expectStatus(await device.signed('GET', ''), 200);
  assert.notEqual((await codeRow(owner)).used_at, null);
});

test('15 wrong tries block the code; the owner is told once at the 6th and once at the block; a new code works at once', async () => {
  const owner = await h.person();
  const code = await h.activationCode(owner);

  // The attack: five flows of three wrong codes each.
  for (let flow = 0; flow < 5; flow++) {
    assert.deepEqual(
      await strangerFlow(
        owner.userId,
        [1, 2, 3].map((n) => other(code, 3 * flow + n)),
      ),
      ['wrong_code2', 'wrong_code1', 'code_blocked'],
    );
    if (flow === 1) assert.deepEqual(await guessingNotices(owner), ['sms:warning', 'email:warning']);
  }
  assert.deepEqual(
    [(await codeRow(owner)).attempts, activationCodeSms.maxAttempts],
    [15, 15],
    'all 15 tries were counted',
  );
  const notices = ['sms:warning', 'sms:blocked', 'email:warning', 'email:blocked'];
  assert.deepEqual(await guessingNotices(owner), notices);
  // More wrong tries send nothing more (no flood) and answer as before.
  assert.deepEqual(
    await strangerFlow(
      owner.userId,
      [16, 17, 18].map((n) => other(code, n)),
    ),
    ['wrong_code2', 'wrong_code1', 'code_blocked'],
  );
  assert.deepEqual(await guessingNotices(owner), notices);
  const sms = (await h.messagesTo(owner.mobile ?? '')).find((m) => /er spærret/.test(m.body));
  assert.match(sms?.body ?? '', /Lav en ny kode i din netbank.*\n\n.*Make a new code in your net bank/s);

  // The burnt code is refused as any wrong code; the bank's replacement works at once.
  assert.deepEqual(await strangerFlow(owner.userId, [code]), ['wrong_code2']);
  const fresh = await h.activationCode(owner);
  await h.device().activate(owner, fresh);
});

test('parallel wrong tries from many flows: the code counts 15 and no more, one message per threshold', async () => {
  const owner = await h.person();
  const code = await h.activationCode(owner);
  const devices = Array.from({ length: 12 }, () => h.device());
  for (const d of devices) d.activationId = (await d.start(owner.userId)).json().activationId;
  const answers = await Promise.all(
    devices.flatMap((d, i) => [1, 2].map((n) => d.step('activation-code', { code: other(code, 2 * i + n) }))),
  );
  assert.equal(answers.filter((r) => r.json().error === 'wrong_code').length, 24, 'all 24 were answered');
  assert.equal((await codeRow(owner)).attempts, 15, 'the code counted 15 of them, then was blocked');
  assert.deepEqual((await guessingNotices(owner)).sort(), [
    'email:blocked',
    'email:warning',
    'sms:blocked',
    'sms:warning',
  ]);
});

test('guessing is hopeless: 15 tries a code and 5 codes an hour give 75 guesses of 10^8 an hour', () => {
  const perCode = activationCodeSms.maxAttempts;
  const codesPerHour = activationCodeSms.maxSends;
  assert.equal(activationCodeSms.sendWindowMs, 60 * 60 * 1000);
  assert.equal(activationCodeSms.digits, 8);
  const perHour = (perCode * codesPerHour) / 10 ** activationCodeSms.digits;
  assert.ok(perHour <= 7.5e-7, `at most 7.5 in 10 million an hour, got ${perHour}`);
  // A year of the owner making 5 codes every hour, day and night: still under 1 %.
  assert.ok(1 - (1 - perHour) ** (24 * 365) < 0.01);
});
