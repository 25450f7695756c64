/**
 * A key code works once: a spent key is refused (and another key asked for), two concurrent
 * submissions of the same code spend it once and yield exactly one redeemable authorization
 * code, and a double click after success neither double-spends nor breaks the login.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { ANNA, csrfOf, type Harness, keyNoOf, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const codeOf = (location: unknown): string => new URL(String(location)).searchParams.get('code') ?? '';

test('a used code is refused: another key is asked for and nothing is counted', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const keyNo = await b.askedKey(path);
  // Another login of Anna spends this key meanwhile.
  await h.database.db
    .updateTable('nemid_key_codes')
    .set({ used_at: 1 })
    .where('key_no', '=', keyNo)
    .execute();

  const res = await b.submitCode(path, h.codeFor(keyNo));
  assert.equal(res.statusCode, 409);
  assert.ok(res.body.includes('Nøglen er allerede brugt.'));
  const newKey = keyNoOf(res.body);
  assert.notEqual(newKey, keyNo);
  assert.equal(await b.askedKey(path), newKey);
  assert.equal(await h.userIdFailures(ANNA.userId), 0, 'a key spent elsewhere counts nothing');

  const ok = await b.submitCode(path, h.codeFor(newKey));
  assert.equal(ok.statusCode, 303);
  assert.equal((await h.redeem(codeOf(ok.headers.location))).statusCode, 200);
});

test('the key asked for is always an unused one', async () => {
  const unused = h.anna.keyCard.codes.slice(0, 2).map((c) => c.keyNo);
  await h.database.db
    .updateTable('nemid_key_codes')
    .set({ used_at: 1 })
    .where('key_no', 'not in', unused)
    .execute();
  for (let i = 0; i < 6; i++) {
    const b = h.browser();
    const path = await b.startLogin();
    await b.submitPassword(path, ANNA.userId, ANNA.password);
    assert.ok(unused.includes(await b.askedKey(path)));
  }
});

test('two concurrent submissions of the same code: spent once, exactly one code redeems', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const page = await b.get(path);
  const form = { _csrf: csrfOf(page.body), step: 'keycode', code: h.codeFor(keyNoOf(page.body)) };
  const [r1, r2] = await Promise.all([b.post(path, form), b.post(path, form)]);
  // Both lead on (the browser shows whichever answer came last) …
  assert.equal(r1.statusCode, 303);
  assert.equal(r2.statusCode, 303);
  const codes = [codeOf(r1.headers.location), codeOf(r2.headers.location)];
  assert.notEqual(codes[0], codes[1]);
  // … but only one login comes out of it.
  const redeemed = await Promise.all(codes.map((c) => h.redeem(c)));
  assert.deepEqual(redeemed.map((r) => r.statusCode).sort(), [200, 400]);
  const spent = await h.database.db
    .selectFrom('nemid_key_codes')
    .select('used_at')
    .where('used_at', 'is not', null)
    .execute();
  assert.equal(spent.length, 1);
});

test('a double click after success gets a fresh code until one is redeemed; then nothing more', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const code = h.codeFor(await b.askedKey(path));
  const first = await b.submitCode(path, code);
  const second = await b.submitCode(path, code);
  assert.equal(second.statusCode, 303);
  assert.equal((await h.redeem(codeOf(first.headers.location))).statusCode, 400, 'replaced by the second');
  assert.equal((await h.redeem(codeOf(second.headers.location))).statusCode, 200);
  const third = await b.submitCode(path, code);
  assert.equal(third.statusCode, 200, 'after redemption: the end page, no new code');
  assert.ok(third.body.includes('Du er logget på'));
  assert.equal(third.headers.location, undefined);
});

test('a resubmission with another code after success does not get a code', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const code = h.codeFor(await b.askedKey(path));
  await b.submitCode(path, code);
  const other = await b.submitCode(path, code === '123456' ? '654321' : '123456');
  assert.equal(other.statusCode, 200);
  assert.equal(other.headers.location, undefined);
});
