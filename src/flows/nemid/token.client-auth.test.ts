/** The token endpoint authenticates the client (HTTP Basic) and speaks RFC 6749 errors. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BANK_SECRET, type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('a wrong client secret → 401 invalid_client, and the code stays unused', async () => {
  const { code } = await logIn(h);
  const res = await h.redeem(code, { secret: `${BANK_SECRET}x` });
  assert.equal(res.statusCode, 401);
  assert.deepEqual(res.json(), { error: 'invalid_client' });
  assert.match(String(res.headers['www-authenticate']), /^Basic/);
  assert.equal((await h.redeem(code)).statusCode, 200);
});

test('an unknown client or no authentication → 401 invalid_client', async () => {
  const { code } = await logIn(h);
  assert.equal((await h.redeem(code, { clientId: 'otherbank' })).statusCode, 401);
  const bare = await h.app.inject({
    method: 'POST',
    url: '/nemid/token',
    payload: { grant_type: 'authorization_code', code, redirect_uri: h.redirectUri, client_id: 'minbank' },
  });
  assert.equal(bare.statusCode, 401);
  const garbage = await h.app.inject({
    method: 'POST',
    url: '/nemid/token',
    headers: { authorization: 'Basic !!!' },
    payload: { grant_type: 'authorization_code', code, redirect_uri: h.redirectUri },
  });
  assert.equal(garbage.statusCode, 401);
});

test('wrong grant type and missing parameters', async () => {
  const basic = `Basic ${Buffer.from(`minbank:${BANK_SECRET}`).toString('base64')}`;
  const post = (payload: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: '/nemid/token', headers: { authorization: basic }, payload });
  const res1 = await post({ grant_type: 'password', code: 'x', redirect_uri: h.redirectUri });
  assert.deepEqual([res1.statusCode, res1.json()], [400, { error: 'unsupported_grant_type' }]);
  const res2 = await post({ grant_type: 'authorization_code', redirect_uri: h.redirectUri });
  assert.deepEqual([res2.statusCode, res2.json()], [400, { error: 'invalid_request' }]);
});

test('form-encoded (as Min Bank sends it) and JSON bodies both work; no CSRF token needed', async () => {
  const basic = `Basic ${Buffer.from(`minbank:${BANK_SECRET}`).toString('base64')}`;
  const a = await logIn(h);
  const form = await h.app.inject({
    method: 'POST',
    url: '/nemid/token',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'authorization_code',
      code: a.code,
      redirect_uri: h.redirectUri,
    }).toString(),
  });
  assert.equal(form.statusCode, 200);
  const b = await logIn(h);
  const json = await h.app.inject({
    method: 'POST',
    url: '/nemid/token',
    headers: { authorization: basic, 'content-type': 'application/json' },
    payload: JSON.stringify({ grant_type: 'authorization_code', code: b.code, redirect_uri: h.redirectUri }),
  });
  assert.equal(json.statusCode, 200);
  assert.deepEqual(Object.keys(json.json()).sort(), [
    'authenticatedAt',
    'cpr',
    'method',
    'name',
    'nemidUserId',
  ]);
});
