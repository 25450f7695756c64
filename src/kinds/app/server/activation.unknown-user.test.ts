/**
 * No answer tells whether a user-ID exists (issue 7, item 3): at every step an unknown user-ID
 * gets, in status, body and headers, exactly what some known user-ID gets. The timing half is
 * activation.timing.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { IdentityStore } from '../../../core/identity/index.ts';
import { type AppHarness, startAppHarness } from './testing/appHarness.ts';

let h: AppHarness;
before(async () => {
  h = await startAppHarness();
});
after(() => h.close());

/**
 * What a client can see, less what differs on every request whatever the user-ID: ids, date,
 * request id (an error's `reference` is the request id), and the per-address rate-limit count (the same address sends all of them).
 */
function visible(res: LightMyRequestResponse): unknown {
  const body = res.json() as Record<string, unknown>;
  const headers = { ...res.headers };
  for (const h of ['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset']) delete headers[h];
  return {
    status: res.statusCode,
    headers,
    body: Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        k === 'activationId' || k === 'expiresAt' || k === 'reference' ? typeof v : v,
      ]),
    ),
  };
}

const other = (code: string, n: number): string => String((Number(code) + n) % 100_000_000).padStart(8, '0');

/** Starts a flow for `userId` and types `codes`; the visible answers, start included. */
async function answers(userId: string, codes: string[]): Promise<unknown[]> {
  const device = h.device();
  const started = await device.start(userId);
  device.activationId = started.json().activationId;
  const seen = [visible(started)];
  for (const code of codes) seen.push(visible(await device.step('activation-code', { code })));
  return seen;
}

test('every user-ID gets the same answers to wrong codes: unknown, known with a live code, without one, with a blocked one', async () => {
  const live = await h.person();
  const liveCode = await h.activationCode(live);
  const none = await h.person(); // known, no code made
  const blocked = await h.person();
  const blockedCode = await h.activationCode(blocked);
  // Burn the code of `blocked`: 5 flows of 3 wrong tries.
  for (let flow = 0; flow < 5; flow++)
    await answers(
      blocked.userId,
      [1, 2, 3].map((n) => other(blockedCode, 3 * flow + n)),
    );
  const row = await h.database.db
    .selectFrom('one_time_codes')
    .select(['attempts', 'max_attempts'])
    .where('flow_id', '=', blocked.identityId)
    .executeTakeFirstOrThrow();
  assert.deepEqual([row.attempts, row.max_attempts], [15, 15], 'the stranger burnt the code');

  const tries = ['12345678', '23456789', '34567890', '45678901'].map((c) =>
    c === liveCode ? '99999999' : c,
  );
  const unknown = await answers('nobody-has-this-id', tries);
  assert.deepEqual(
    unknown.slice(1).map((a) => (a as { body: { error: string } }).body.error),
    ['wrong_code', 'wrong_code', 'code_blocked', 'code_blocked'],
  );
  assert.deepEqual(await answers(live.userId, tries), unknown, 'known, with a live code');
  assert.deepEqual(await answers(none.userId, tries), unknown, 'known, without a code');
  assert.deepEqual(await answers(blocked.userId, tries), unknown, 'known, with a burnt code');
  // Even the right code of a burnt code answers as a wrong one.
  assert.deepEqual(await answers(blocked.userId, [blockedCode]), await answers('nobody', ['11111111']));
  // And the live code still works for its owner.
  const owner = h.device();
  owner.activationId = (await owner.start(live.userId)).json().activationId;
  assert.equal((await owner.step('activation-code', { code: liveCode })).statusCode, 200);
});

test('a blocked or revoked MitID answers as an unknown user-ID, its live code included', async () => {
  const person = await h.person();
  const code = await h.activationCode(person);
  await new IdentityStore(h.database.db).setStatus(person.identityId, 'revoked', h.clock.now().getTime());
  assert.deepEqual(await answers(person.userId, [code, code]), await answers('nobody-at-all', [code, code]));
});

test('a transfer code answers the same for an unknown user-ID and for a known one with a live code', async () => {
  const { person, device } = await h.activatedPerson();
  const { transferCode } = (await device.signed('POST', '/transfer-codes')).json();
  const wrong = transferCode === '1234-5678' ? '8765-4321' : '1234-5678';
  const known = await h.device().start(person.userId, wrong);
  const unknown = await h.device().start('nobody-has-this-id', wrong);
  assert.equal(known.statusCode, 410);
  assert.deepEqual(visible(known), visible(unknown));
  const row = await h.database.db
    .selectFrom('one_time_codes')
    .select('attempts')
    .where('flow_id', '=', `app-transfer:${person.identityId}`)
    .executeTakeFirstOrThrow();
  assert.equal(row.attempts, 1, 'the wrong try was counted on the live code');
});
