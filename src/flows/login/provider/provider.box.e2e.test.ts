/**
 * The whole login, as a person makes it, on both databases: a service (openid-client) sends the
 * browser to the provider, the login box asks for the user-ID, the person's app proves the typed
 * code over its signed channel call and approves, the box finishes through the port, and the
 * service's tokens carry that authentication.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { authParams, Browser, discover, startTestOp, type TestClient, type TestOp } from './testOp.ts';

const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the page has its CSRF token');
  return token;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

for (const dialect of await dialectsUnderTest()) {
  describe(`a login through the box on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    before(async () => {
      op = await startTestOp(dialect);
      sg = await op.addClient({ id: 'sg-person', dialect: 'signaturgruppen', testClient: false });
    });
    after(async () => op?.close());

    test('user-ID, the typed code in the app, approve: the tokens carry that authentication', async () => {
      const config = await discover(op, '/op', sg);
      const p = await authParams(op, { simulation: '', scope: 'openid mitid' });
      const browser = new Browser();
      const start = await browser.follow(client.buildAuthorizationUrl(config, p.params));
      assert.ok('page' in start);
      const box = new URL(start.page.url);
      const first = await start.page.text();
      assert.match(first, /Log på hos Tjeneste sg-person/);

      const typed = await browser.fetch(box, form({ _csrf: csrfOf(first), userId: op.userId }));
      assert.equal(typed.status, 303, await typed.text());
      const waiting = await (await browser.fetch(box)).text();
      const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting)?.[1]?.replace(/\s/g, '');
      assert.ok(code && /^\d{6}$/.test(code), 'the box shows the typed code');

      // The app: the typed code over its signed channel call, then the approval.
      const proved = await op.device.signed('POST', '/channel', { code });
      assert.equal(proved.statusCode, 200, proved.body);
      const [tx] = await op.device.pending();
      assert.ok(tx);
      assert.equal(tx.serviceName, 'Tjeneste sg-person');
      assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);

      const approved = await (await browser.fetch(box)).text();
      const done = await browser.follow(
        new URL(`${box.pathname}/done`, op.base),
        form({ _csrf: csrfOf(approved) }),
      );
      assert.ok('url' in done, 'back at the service');
      const tokens = await client.authorizationCodeGrant(config, done.url, {
        pkceCodeVerifier: p.verifier,
        expectedState: p.state,
        expectedNonce: p.nonce,
      });
      const claims = tokens.claims();
      assert.equal(claims?.transaction_id, tx.id);
      assert.deepEqual(claims?.amr, ['code_app']);
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims?.sub));
      assert.equal(info['mitid.uuid'], op.identityId);
      // The result was consumed once: the box's done form cannot be replayed.
      const again = await browser.follow(
        new URL(`${box.pathname}/done`, op.base),
        form({ _csrf: csrfOf(approved) }),
      );
      assert.ok(!('url' in again && again.url.searchParams.get('code')), 'no second code');
    });
  });
}
