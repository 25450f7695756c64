/**
 * Key codes: a wrong code counts against the flow (the 3rd fails it) and against the
 * credential's password counter.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { ANNA, type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const wrongCodeFor = (code: string) => (code === '000000' ? '111111' : '000000');

test('3 wrong key codes fail the flow; the right code no longer works in it', async () => {
  const b = h.browser();
  const path = await b.startLogin('st');
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const keyNo = await b.askedKey(path);
  const right = h.codeFor(keyNo);

  const first = await b.submitCode(path, wrongCodeFor(right));
  assert.equal(first.statusCode, 400);
  assert.ok(first.body.includes('Forkert nøgle. Du har 2 forsøg tilbage.'));
  assert.equal(await b.askedKey(path), keyNo, 'the same key is asked again');
  const second = await b.submitCode(path, wrongCodeFor(right));
  assert.ok(second.body.includes('Du har 1 forsøg tilbage.'));
  const third = await b.submitCode(path, wrongCodeFor(right));
  assert.equal(third.statusCode, 403);
  assert.ok(third.body.includes('Du har indtastet forkert nøgle for mange gange.'));
  assert.ok(third.body.includes('error=access_denied'), 'a way back to the service');

  const late = await b.submitCode(path, right);
  assert.equal(late.statusCode, 303);
  assert.equal(late.headers.location, path, 'a failed flow only shows its end page');
  const unused = await h.database.db
    .selectFrom('nemid_key_codes')
    .select('used_at')
    .where('key_no', '=', keyNo)
    .executeTakeFirstOrThrow();
  assert.equal(unused.used_at, null, 'the key was not spent');

  assert.equal(await h.userIdFailures(ANNA.userId), 3, 'wrong key codes count on the user-ID counter too');
  await logIn(h);
});

test('wrong key codes across flows slow the user-ID down like wrong passwords', async () => {
  for (let flow = 0; flow < 2; flow++) {
    const b = h.browser();
    const path = await b.startLogin();
    assert.equal((await b.submitPassword(path, ANNA.userId, ANNA.password)).statusCode, 303);
    for (let i = 0; i < (flow === 0 ? 3 : 2); i++)
      await b.submitCode(path, wrongCodeFor(h.codeFor(await b.askedKey(path))));
  }
  const b = h.browser();
  const path = await b.startLogin();
  const slowed = await b.submitPassword(path, ANNA.userId, ANNA.password);
  assert.equal(slowed.statusCode, 429, 'slowed down after 5');
  assert.ok(slowed.body.includes('For mange forkerte forsøg'));
});
