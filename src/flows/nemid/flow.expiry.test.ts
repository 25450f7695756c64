/** A login flow lives 10 minutes; the authorization code 60 seconds. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { MINUTE } from '../../platform/clock.ts';
import { ANNA, type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

test('after 10 minutes the flow is expired: a clear message, nothing done', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const page = await b.get(path);
  h.clock.advance(10 * MINUTE - 1);
  assert.equal((await b.get(path)).statusCode, 200);
  h.clock.advance(1);
  const expired = await b.get(path);
  assert.equal(expired.statusCode, 410);
  assert.ok(expired.body.includes('Forløbet er udløbet. Start forfra.'));
  assert.ok(expired.body.includes('ERR_FLOW_EXPIRED'));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const post = await b.post(path, {
    _csrf: csrf,
    step: 'password',
    userId: ANNA.userId,
    password: ANNA.password,
  });
  assert.equal(post.statusCode, 410);
  const row = await h.database.db.selectFrom('nemid_logins').select('status').executeTakeFirstOrThrow();
  assert.equal(row.status, 'password');
});

test('expiry also applies at the key-code step', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const keyNo = await b.askedKey(path);
  h.clock.advance(10 * MINUTE);
  const res = await b.submitCode(path, h.codeFor(keyNo));
  assert.equal(res.statusCode, 410);
  const key = await h.database.db
    .selectFrom('nemid_key_codes')
    .select('used_at')
    .where('key_no', '=', keyNo)
    .executeTakeFirstOrThrow();
  assert.equal(key.used_at, null, 'the key was not spent');
});

test('the authorization code works for 60 seconds', async () => {
  const { code } = await logIn(h);
  h.clock.advance(60_000);
  const res = await h.redeem(code);
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { error: 'invalid_grant' });

  const again = await logIn(h);
  h.clock.advance(59_999);
  assert.equal((await h.redeem(again.code)).statusCode, 200);
});
