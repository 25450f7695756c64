/** /nemid/authorize: only registered clients with their exact redirect URI; never an open redirect. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const authorize = (params: Record<string, string>) =>
  h.app.inject({ method: 'GET', url: `/nemid/authorize?${new URLSearchParams(params)}` });

test('a wrong redirect_uri gets an error page, not a redirect, and no flow', async () => {
  for (const redirect_uri of [
    'https://evil.example/cb',
    `${h.config.bankUrl}/auth/nemid/callback/../../evil`,
    `${h.config.bankUrl}/auth/nemid/callback?x=1`,
    `${h.config.bankUrl}/AUTH/nemid/callback`,
  ]) {
    const res = await authorize({ client_id: 'minbank', redirect_uri, state: 's' });
    assert.equal(res.statusCode, 400, redirect_uri);
    assert.equal(res.headers.location, undefined);
    assert.ok(res.body.includes('ERR_BAD_REQUEST'));
  }
  const rows = await h.database.db.selectFrom('nemid_logins').select('id').execute();
  assert.equal(rows.length, 0);
});

test('an unknown client, a missing state or another response_type is refused', async () => {
  const ok = { client_id: 'minbank', redirect_uri: h.redirectUri, state: 's' };
  assert.equal((await authorize({ ...ok, client_id: 'evilbank' })).statusCode, 400);
  assert.equal((await authorize({ client_id: 'minbank', redirect_uri: h.redirectUri })).statusCode, 400);
  assert.equal((await authorize({ ...ok, state: 'x'.repeat(201) })).statusCode, 400);
  assert.equal((await authorize({ ...ok, response_type: 'token' })).statusCode, 400);
  assert.equal((await authorize({ ...ok, response_type: 'code' })).statusCode, 302);
});

test('the binding cookie is HttpOnly, SameSite=Lax, signed and scoped to /nemid', async () => {
  const res = await authorize({ client_id: 'minbank', redirect_uri: h.redirectUri, state: 's' });
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /^nemid_bind=[^;]+\.[^;]+;/, 'signed');
  assert.match(cookie, /Path=\/nemid/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const row = await h.database.db.selectFrom('nemid_logins').selectAll().executeTakeFirstOrThrow();
  assert.ok(!cookie.includes(row.browser_hash), 'the row holds a hash, not the cookie value');
});
