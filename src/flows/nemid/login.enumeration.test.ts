/**
 * User-IDs cannot be enumerated: an unknown user-ID, a wrong password and a slowed-down user-ID
 * get the same page (apart from the per-request CSRF token), status and headers, whether the
 * user-ID exists or not. (Timing: login.timing.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ANNA, type Harness, startHarness, withoutTokens } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

let n = 0;
async function answer(userId: string, password: string) {
  const b = h.browser(`10.1.0.${++n}`);
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

/** The headers of an answer without the per-request ones (request id, CSRF cookie, date). */
const headersOf = (res: LightMyRequestResponse) => {
  const { date, 'set-cookie': _cookie, 'x-request-id': _id, 'content-length': _len, ...rest } = res.headers;
  return { ...rest, cookies: (res.cookies as { name: string }[]).map((c) => c.name).sort() };
};

test('unknown user-ID and wrong password: the same message, status, headers and page', async () => {
  const wrongPassword = await answer(ANNA.userId, 'Forkert-2026');
  const unknownUser = await answer('nobody2026', 'Forkert-2026');
  assert.equal(wrongPassword.statusCode, 400);
  assert.equal(unknownUser.statusCode, wrongPassword.statusCode);
  assert.ok(wrongPassword.body.includes('Forkert bruger-ID eller adgangskode.'));
  assert.equal(withoutTokens(unknownUser.body), withoutTokens(wrongPassword.body));
  assert.deepEqual(headersOf(unknownUser), headersOf(wrongPassword));
  assert.ok(!unknownUser.body.includes('nobody2026'), 'the typed user-ID is not echoed');
});

test('the message in English', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.get(`${path}?lang=en`);
  const res = await b.submitPassword(path, 'nobody2026', 'Forkert-2026');
  assert.ok(res.body.includes('Incorrect user ID or password.'));
});

test('an unknown user-ID is slowed down exactly like a known one, even to the right password', async () => {
  await h.database.db.deleteFrom('nemid_attempt_counters').execute();
  // Both user-IDs get 5 failures (accepted and counted), the unknown one as well.
  for (let i = 0; i < 5; i++) {
    assert.equal((await answer(ANNA.userId, 'Forkert-2026')).statusCode, 400);
    assert.equal((await answer('nobody2027', 'Forkert-2026')).statusCode, 400);
  }
  assert.equal(await h.userIdFailures(ANNA.userId), 5);
  assert.equal(await h.userIdFailures('nobody2027'), 5, 'the unknown user-ID has its counter too');
  const known = await answer(ANNA.userId, ANNA.password);
  const unknown = await answer('nobody2027', ANNA.password);
  assert.equal(known.statusCode, 429);
  assert.equal(unknown.statusCode, known.statusCode);
  assert.ok(known.body.includes('For mange forkerte forsøg'));
  assert.equal(withoutTokens(unknown.body), withoutTokens(known.body));
  assert.deepEqual(headersOf(unknown), headersOf(known));
});
