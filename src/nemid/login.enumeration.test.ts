/**
 * User-IDs cannot be enumerated: an unknown user-ID, a wrong password and a locked credential
 * get the same page (apart from the per-request CSRF token) and the same status.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ANNA, type Harness, startHarness, withoutTokens } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

async function answer(userId: string, password: string) {
  const b = h.browser();
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

test('unknown user-ID and wrong password: the same message, status and page', async () => {
  const wrongPassword = await answer(ANNA.userId, 'Forkert-2026');
  const unknownUser = await answer('nobody2026', 'Forkert-2026');
  assert.equal(wrongPassword.statusCode, 400);
  assert.equal(unknownUser.statusCode, wrongPassword.statusCode);
  assert.ok(wrongPassword.body.includes('Forkert bruger-ID eller adgangskode.'));
  assert.equal(withoutTokens(unknownUser.body), withoutTokens(wrongPassword.body));
  assert.ok(!unknownUser.body.includes('nobody2026'), 'the typed user-ID is not echoed');
});

test('the message in English', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.get(`${path}?lang=en`);
  const res = await b.submitPassword(path, 'nobody2026', 'Forkert-2026');
  assert.ok(res.body.includes('Incorrect user ID or password.'));
});

test('a locked credential answers like a wrong password, even to the right password', async () => {
  await h.database.db
    .updateTable('nemid_credentials')
    .set({ locked_until: h.clock.now().getTime() + 60_000 })
    .execute();
  try {
    const locked = await answer(ANNA.userId, ANNA.password);
    const unknownUser = await answer('nobody2026', ANNA.password);
    assert.equal(locked.statusCode, unknownUser.statusCode);
    assert.equal(withoutTokens(locked.body), withoutTokens(unknownUser.body));
  } finally {
    await h.database.db
      .updateTable('nemid_credentials')
      .set({ locked_until: null, failed_attempts: 0 })
      .execute();
  }
});
