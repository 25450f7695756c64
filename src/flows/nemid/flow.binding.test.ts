/** A flow belongs to the browser that started it: another browser gets ERR_FLOW_NOT_FOUND. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ANNA, csrfOf, type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('another browser with the flow id cannot see or use the flow', async () => {
  const victim = h.browser();
  const path = await victim.startLogin();
  const attacker = h.browser();
  // The attacker has a NemID cookie and a CSRF token of their own …
  await attacker.startLogin();
  const own = await attacker.get(path);
  assert.equal(own.statusCode, 404);
  assert.ok(own.body.includes('ERR_FLOW_NOT_FOUND'));
  const ownPage = await attacker.get(await attacker.startLogin());
  const post = await attacker.post(path, {
    _csrf: csrfOf(ownPage.body),
    step: 'password',
    userId: ANNA.userId,
    password: ANNA.password,
  });
  assert.equal(post.statusCode, 404);
  const row = await h.database.db
    .selectFrom('nemid_logins')
    .select('status')
    .where('id', '=', path.split('/').pop() ?? '')
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'password', 'nothing changed');
  // … and the victim's flow still works.
  assert.equal((await victim.submitPassword(path, ANNA.userId, ANNA.password)).statusCode, 303);
});

test('a browser without the binding cookie, or with a forged one, is another browser', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const bare = h.browser();
  assert.equal((await bare.get(path)).statusCode, 404);
  const forged = h.browser();
  forged.cookies.set('nemid_bind', 'x'.repeat(43));
  assert.equal((await forged.get(path)).statusCode, 404);
  assert.equal((await h.browser().get('/nemid/login/does-not-exist')).statusCode, 404);
});

test('one browser can run two flows side by side (two tabs)', async () => {
  const b = h.browser();
  const first = await b.startLogin('tab1');
  const second = await b.startLogin('tab2');
  assert.equal((await b.get(first)).statusCode, 200);
  assert.equal((await b.get(second)).statusCode, 200);
});
