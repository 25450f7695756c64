/** Every login form post needs the CSRF token; without it nothing happens. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ANNA, type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('a post without (or with a wrong) CSRF token is refused and changes nothing', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.get(path);
  const form = { step: 'password', userId: ANNA.userId, password: 'Forkert-2026' };
  for (const extra of [{}, { _csrf: 'forged-token' }] as Record<string, string>[]) {
    const res = await b.post(path, { ...form, ...extra });
    assert.equal(res.statusCode, 403);
    assert.ok(res.body.includes('ERR_CSRF'));
  }
  assert.equal(await h.counterCount(), 0, 'a refused post counts nothing');
  const flow = await h.database.db.selectFrom('nemid_logins').select('status').executeTakeFirstOrThrow();
  assert.equal(flow.status, 'password');
});

test('every form on the login pages carries a CSRF token', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const countForms = (body: string): [number, number] => [
    body.match(/<form/g)?.length ?? 0,
    body.match(/name="_csrf"/g)?.length ?? 0,
  ];
  const [forms1, tokens1] = countForms((await b.get(path)).body);
  assert.equal(forms1, tokens1);
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const [forms2, tokens2] = countForms((await b.get(path)).body);
  assert.ok(forms2 >= 2);
  assert.equal(forms2, tokens2);
});
