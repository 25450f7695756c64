/**
 * Testing without a phone (issue 9 item 5): the simulation's tokens are a real login's. The same
 * person logs in at the same test client twice, once through the box with the app and once with
 * `simulation=no-ui uuid:<uuid>`, in both dialects and on both databases; the ID token and
 * userinfo have the same claim names, the person's values are equal, and the values that belong
 * to one login (its id, its session, its times) have the same shapes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  authParams,
  Browser,
  discover,
  simulatedLogin,
  startTestOp,
  type TestClient,
  type TestOp,
  type Tokens,
} from './provider/testOp.ts';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});
const csrfOf = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** Claims that belong to one login, not to the person: compared by shape. */
const PER_LOGIN = new Set([
  'iat',
  'exp',
  'auth_time',
  'nonce',
  'at_hash',
  'sid',
  'jti',
  'neb_sid',
  'transaction_id',
  'mitid.transaction_id',
  'session_expiry',
  'authenticationinstant',
]);

/** The shape of a value: its JSON type, and for a string what it is written as. */
function shapeOf(v: unknown): string {
  if (typeof v !== 'string') return Array.isArray(v) ? 'array' : typeof v;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) return 'uuid';
  if (/^\d+$/.test(v)) return 'digits';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return 'iso-8601';
  if (/^[A-Za-z0-9_-]+$/.test(v)) return `base64url(${v.length})`;
  return 'text';
}

function compare(real: Record<string, unknown>, simulated: Record<string, unknown>, what: string): void {
  assert.deepEqual(Object.keys(simulated).sort(), Object.keys(real).sort(), `${what}: the same claim names`);
  for (const [name, value] of Object.entries(real)) {
    if (PER_LOGIN.has(name)) {
      assert.equal(shapeOf(simulated[name]), shapeOf(value), `${what}: ${name} has the same shape`);
    } else {
      assert.deepEqual(simulated[name], value, `${what}: ${name} is the same`);
    }
  }
}

/** A login through the box: the user-ID, the app's typed code and approval, the tokens. */
async function realLogin(op: TestOp, config: client.Configuration, scope: string): Promise<Tokens> {
  const p = await authParams(op, { simulation: '', scope });
  const browser = new Browser();
  const start = await browser.follow(client.buildAuthorizationUrl(config, p.params));
  assert.ok('page' in start);
  const box = new URL(start.page.url);
  const first = await start.page.text();
  assert.equal((await browser.fetch(box, form({ _csrf: csrfOf(first), userId: op.userId }))).status, 303);
  const code = /id="login-box-typed">([0-9 ]+)</.exec(await (await browser.fetch(box)).text())?.[1];
  assert.ok(code);
  assert.equal(
    (await op.device.signed('POST', '/channel', { code: code.replace(/\s/g, '') })).statusCode,
    200,
  );
  const [tx] = await op.device.pending();
  assert.ok(tx);
  assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);
  const approved = await (await browser.fetch(box)).text();
  const done = await browser.follow(new URL(`${box.pathname}/done`, box), form({ _csrf: csrfOf(approved) }));
  assert.ok('url' in done);
  return client.authorizationCodeGrant(config, done.url, {
    pkceCodeVerifier: p.verifier,
    expectedState: p.state,
    expectedNonce: p.nonce,
  });
}

for (const dialect of await dialectsUnderTest()) {
  describe(`the simulation's tokens are a real login's, on ${dialect}`, () => {
    let op: TestOp;
    let clients: Record<'/op' | '/idura', TestClient>;
    before(async () => {
      op = await startTestOp(dialect, { simulation: true });
      clients = {
        '/op': await op.addClient({
          id: 'sg-tests',
          dialect: 'signaturgruppen',
          permissions: ['oidc.login', 'oidc.cpr'],
        }),
        '/idura': await op.addClient({
          id: 'idura-tests',
          dialect: 'idura',
          permissions: ['oidc.login', 'oidc.cpr'],
        }),
      };
    });
    after(async () => op?.close());

    for (const [prefix, scope] of [
      ['/op', 'openid mitid ssn'],
      ['/idura', 'openid ssn'],
    ] as const) {
      test(`${prefix} (${scope}): the same claims in the ID token and at userinfo`, async () => {
        const config = await discover(op, prefix, clients[prefix]);
        const real = await realLogin(op, config, scope);
        const { tokens: simulated } = await simulatedLogin(op, config, new Browser(), { scope });
        const [r, s] = [real.claims(), simulated.claims()];
        assert.ok(r && s);
        compare(r, s, 'ID token');
        assert.notEqual(s.transaction_id ?? s.authenticationinstant, undefined);
        const realInfo = await client.fetchUserInfo(config, real.access_token, String(r.sub));
        const simInfo = await client.fetchUserInfo(config, simulated.access_token, String(s.sub));
        compare(realInfo, simInfo, 'userinfo');
        // The person is the same: the uuid and the CPR number (with ssn) are in both.
        const uuid = prefix === '/op' ? simInfo['mitid.uuid'] : simInfo.uuid;
        assert.equal(uuid, op.identityId);
        assert.ok(prefix === '/op' ? simInfo['dk.cpr'] : simInfo.cprNumberIdentifier, 'the CPR number');
      });
    }
  });
}
