/** Bad input gives the form again with an error summary; nothing is counted or changed. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ANNA, type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const state = async () => ({
  counters: await h.counterCount(),
  flows: (
    await h.database.db.selectFrom('nemid_logins').select(['status', 'keycode_attempts']).execute()
  ).map((r) => `${r.status}/${r.keycode_attempts}`),
});

test('password step: missing, too long and malformed fields', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const before = await state();
  const cases: [Record<string, string>, string[]][] = [
    [{}, ['Indtast dit bruger-ID.', 'Indtast din adgangskode.']],
    [{ userId: '   ', password: ANNA.password }, ['Indtast dit bruger-ID.']],
    [{ userId: ANNA.userId }, ['Indtast din adgangskode.']],
    [{ userId: 'a'.repeat(201), password: 'x' }, ['Bruger-ID’et er for langt.']],
    [{ userId: ANNA.userId, password: 'x'.repeat(201) }, ['Adgangskoden er for lang.']],
    [{ userId: '<script>', password: 'x' }, ['Indtast et gyldigt bruger-ID']],
  ];
  for (const [fields, messages] of cases) {
    const res = await b.submit(path, { step: 'password', ...fields });
    assert.equal(res.statusCode, 400, JSON.stringify(fields));
    assert.match(res.body, /class="alert alert-error error-summary"/);
    for (const m of messages) assert.ok(res.body.includes(m), m);
    assert.ok(!res.body.includes('<script>'), 'input is escaped');
  }
  const kept = await b.submit(path, { step: 'password', userId: ANNA.userId });
  assert.ok(kept.body.includes(`value="${ANNA.userId}"`), 'the typed user-ID is kept on a validation error');
  assert.deepEqual(await state(), before);
});

test('key-code step: missing, too long and malformed codes', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const keyNo = await b.askedKey(path);
  const before = await state();
  const cases: [string | undefined, string][] = [
    [undefined, 'Indtast koden fra dit nøglekort.'],
    ['', 'Indtast koden fra dit nøglekort.'],
    ['12345', 'Koden skal være 6 cifre.'],
    ['abcdef', 'Koden skal være 6 cifre.'],
    ['1'.repeat(201), 'Koden skal være 6 cifre.'],
  ];
  for (const [code, message] of cases) {
    const res = await b.submit(path, { step: 'keycode', ...(code === undefined ? {} : { code }) });
    assert.equal(res.statusCode, 400, String(code));
    assert.match(res.body, /error-summary/);
    assert.ok(res.body.includes(message), message);
    assert.ok(res.body.includes(`nøgle ${keyNo}`), 'the same key');
  }
  assert.deepEqual(await state(), before);
  const spaced = h.codeFor(keyNo).replace(/^(\d{3})/, '$1 ');
  assert.equal((await b.submitCode(path, spaced)).statusCode, 303, 'a space inside the code is fine');
});
