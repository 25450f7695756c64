import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ANNA, type Harness, keyNoOf, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('a whole NemID login: authorize → password → key code → back with code and state → token', async () => {
  const b = h.browser();
  const path = await b.startLogin('bank-state-123');
  assert.match(path, /^\/nemid\/login\/[\w-]{20,}$/);
  assert.ok(b.cookies.has('nemid_bind'), 'the flow is bound to this browser');

  const page = await b.get(path);
  assert.equal(page.statusCode, 200);
  for (const text of ['NemID', 'Log på hos Min Bank', 'Bruger-ID', 'Adgangskode', 'Log på', 'Afbryd']) {
    assert.ok(page.body.includes(text), text);
  }
  assert.match(page.body, /<label class="form-label" for="userId">Bruger-ID<\/label>/);
  assert.match(page.body, /type="password"/);

  const pw = await b.submitPassword(path, ANNA.userId.toUpperCase(), ANNA.password);
  assert.equal(pw.statusCode, 303, 'user-ID matched without regard to case');
  assert.equal(pw.headers.location, path);

  const keyPage = await b.get(path);
  const keyNo = keyNoOf(keyPage.body);
  assert.ok(keyPage.body.includes(`Nøglekort ${h.anna.keyCard.cardNumber}, nøgle ${keyNo}`));
  assert.match(keyPage.body, /<label class="form-label" for="code">Nøgle<\/label>/);
  assert.equal(keyNoOf((await b.get(path)).body), keyNo, 'reloading asks for the same key');

  const done = await b.submitCode(path, h.codeFor(keyNo));
  assert.equal(done.statusCode, 303);
  const location = new URL(String(done.headers.location));
  assert.equal(`${location.origin}${location.pathname}`, h.redirectUri);
  assert.equal(location.searchParams.get('state'), 'bank-state-123');
  const code = location.searchParams.get('code') ?? '';
  assert.ok(code.length >= 40);

  const token = await h.redeem(code);
  assert.equal(token.statusCode, 200);
  assert.equal(token.headers['cache-control'], 'no-store');
  assert.deepEqual(token.json(), {
    cpr: ANNA.cpr,
    name: 'Anna Berg',
    nemidUserId: ANNA.userId,
    authenticatedAt: h.clock.now().getTime(),
    method: 'nemid-keycard',
  });

  const used = await h.database.db
    .selectFrom('nemid_key_codes')
    .select('used_at')
    .where('key_no', '=', keyNo)
    .executeTakeFirstOrThrow();
  assert.equal(used.used_at, h.clock.now().getTime());
});

test('the login box is in English with ?lang=en', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const page = await b.get(`${path}?lang=en`);
  for (const text of ['Log on to Min Bank', 'User ID', 'Password', 'Log on', 'Cancel']) {
    assert.ok(page.body.includes(text), text);
  }
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  const keyPage = await b.get(path);
  assert.ok(keyPage.body.includes(`Key card ${h.anna.keyCard.cardNumber}, key ${keyNoOf(keyPage.body)}`));
});

test('a finished flow shows a way back instead of the form', async () => {
  const b = h.browser();
  const path = await b.startLogin();
  await b.submitPassword(path, ANNA.userId, ANNA.password);
  await b.submitCode(path, h.codeFor(await b.askedKey(path)));
  const again = await b.get(path);
  assert.equal(again.statusCode, 200);
  assert.ok(again.body.includes('Du er logget på'));
  assert.ok(again.body.includes(`href="${h.config.bankUrl}/"`));
  // A password form posted again from an old tab does not start anything.
  const stale = await b.submitPassword(path, ANNA.userId, ANNA.password);
  assert.equal(stale.statusCode, 303);
  assert.equal(stale.headers.location, path);
});

test('Afbryd ends the flow and goes back to the service with error=access_denied', async () => {
  const b = h.browser();
  const path = await b.startLogin('s-cancel');
  const res = await b.submit(path, { step: 'cancel' });
  assert.equal(res.statusCode, 303);
  const location = new URL(String(res.headers.location));
  assert.equal(location.searchParams.get('error'), 'access_denied');
  assert.equal(location.searchParams.get('state'), 's-cancel');
  assert.equal(location.searchParams.get('code'), null);
  const after = await b.submitPassword(path, ANNA.userId, ANNA.password);
  assert.equal(after.statusCode, 303);
  const page = await b.get(path);
  assert.ok(page.body.includes('Du blev ikke logget på'));
});
