/**
 * One MitID session for both providers (decision 0013 §3, §4), end to end on both databases: the
 * real MitID service on a loopback port, openid-client 6.9.0 as the services, the simulation (or
 * the real box and the app) for the logins, and a loopback HTTP receiver for the back-channel
 * logout tokens, verified with jose against each issuer's JWKS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { sessionsOf } from './register.ts';
import {
  authParams,
  Browser,
  discover,
  logoutReceiver,
  POST_LOGOUT,
  simulatedLogin,
  startTestOp,
  type TestClient,
  type TestOp,
} from './testOp.ts';

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the page has its CSRF token');
  return token;
};

/** The error the client is sent back with (a redirect to its redirect URI). */
async function redirectError(browser: Browser, url: URL, error: string): Promise<void> {
  const r = await browser.follow(url);
  assert.ok('url' in r, `a redirect to the client, not a page ${'page' in r ? r.page.status : ''}`);
  assert.equal(r.url.searchParams.get('error'), error);
}

/** The page the provider stops at (the box, or an error page). */
async function pageOf(browser: Browser, url: URL): Promise<{ url: URL; status: number; html: string }> {
  const r = await browser.follow(url);
  assert.ok('page' in r, `a page, not a redirect to ${'url' in r ? r.url.href : ''}`);
  return { url: new URL(r.page.url), status: r.page.status, html: await r.page.text() };
}

/** A code grant from a callback. */
const tokensOf = (config: client.Configuration, callback: URL, p: Awaited<ReturnType<typeof authParams>>) =>
  client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: p.verifier,
    expectedState: p.state,
    expectedNonce: p.nonce,
  });

/** At the box's page: the user-ID, the typed code proved by the app, approved; back at the client. */
async function boxLogin(op: TestOp, browser: Browser, box: URL, html: string): Promise<URL> {
  const typed = await browser.fetch(box, form({ _csrf: csrfOf(html), userId: op.userId }));
  assert.equal(typed.status, 303, await typed.text());
  const waiting = await (await browser.fetch(box)).text();
  const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting)?.[1]?.replace(/\s/g, '');
  assert.ok(code, 'the box shows the typed code');
  assert.equal((await op.device.signed('POST', '/channel', { code })).statusCode, 200);
  const [tx] = await op.device.pending();
  assert.ok(tx);
  assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);
  const approved = await (await browser.fetch(box)).text();
  const done = await browser.follow(new URL(`${box.pathname}/done`, box), form({ _csrf: csrfOf(approved) }));
  assert.ok('url' in done, 'back at the service');
  return done.url;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`sessions, SSO groups, step-up and logout on ${dialect}`, () => {
    let op: TestOp;
    let rx: Awaited<ReturnType<typeof logoutReceiver>>;
    let bank: TestClient; // Signaturgruppen, group g1, back-channel
    let borger: TestClient; // Idura, group g1, back-channel
    let other: TestClient; // Signaturgruppen, group g2
    let loner: TestClient; // Idura, no group
    before(async () => {
      rx = await logoutReceiver();
      op = await startTestOp(dialect);
      // An identity proved at level high, so that a step-up to high can reach it (loa = min(ial, aal)).
      await op.h.database.db
        .updateTable('identities')
        .set({ ial: 'high' })
        .where('id', '=', op.identityId)
        .execute();
      bank = await op.addClient({
        id: 'sso-bank',
        dialect: 'signaturgruppen',
        oidc: { ssoGroup: 'g1', backchannelLogoutUri: `${rx.base}/bc/bank` },
      });
      borger = await op.addClient({
        id: 'sso-borger',
        dialect: 'idura',
        oidc: { ssoGroup: 'g1', backchannelLogoutUri: `${rx.base}/bc/borger` },
      });
      other = await op.addClient({ id: 'sso-other', dialect: 'signaturgruppen', oidc: { ssoGroup: 'g2' } });
      loner = await op.addClient({ id: 'sso-loner', dialect: 'idura' });
    });
    after(async () => {
      await op?.close();
      rx?.server.close();
    });

    test('discovery: back-channel logout with sid, at both issuers', async () => {
      for (const prefix of ['/op', '/idura'] as const) {
        const d = (await (
          await fetch(`${op.base}${prefix}/.well-known/openid-configuration`)
        ).json()) as Record<string, unknown>;
        assert.equal(d.backchannel_logout_supported, true);
        assert.equal(d.backchannel_logout_session_supported, true);
      }
    });

    test('prompt=none without a session: login_required, in both dialects', async () => {
      for (const [prefix, c] of [
        ['/op', bank],
        ['/idura', borger],
      ] as const) {
        const config = await discover(op, prefix, c);
        const p = await authParams(op, { prompt: 'none', simulation: '' });
        await redirectError(new Browser(), client.buildAuthorizationUrl(config, p.params), 'login_required');
      }
    });

    test('SSO in a group across the providers: no prompt, the same person and login, each its own sid', async () => {
      const bankConfig = await discover(op, '/op', bank);
      const first = await simulatedLogin(op, bankConfig, new Browser(), { scope: 'openid mitid' });
      // One session cookie, path /, for both providers.
      assert.ok(first.browser.jar.has('_mitid_session'));
      assert.ok(![...first.browser.jar.keys()].some((k) => /_(signaturgruppen|idura)_session/.test(k)));

      const borgerConfig = await discover(op, '/idura', borger);
      const p = await authParams(op, { prompt: 'none', simulation: '' });
      const callback = await first.browser.callback(client.buildAuthorizationUrl(borgerConfig, p.params));
      const tokens = await tokensOf(borgerConfig, callback, p);
      const claims = tokens.claims();
      assert.ok(claims);
      assert.equal(claims.uuid, op.identityId, 'the same person');
      // Idura's spelling of the session's level, though Signaturgruppen's provider made it.
      assert.equal(claims.acr, 'urn:grn:authn:dk:mitid:substantial');
      assert.equal(claims.auth_time, first.tokens.claims()?.auth_time, 'the same login');
      assert.equal(typeof claims.sid, 'string');
      assert.equal(typeof first.tokens.claims()?.sid, 'string');
      assert.notEqual(claims.sid, first.tokens.claims()?.sid, 'a sid per client');

      // Across groups and without a group: prompted (prompt=none: login_required; else the box).
      for (const [prefix, c] of [
        ['/op', other],
        ['/idura', loner],
      ] as const) {
        const config = await discover(op, prefix, c);
        const none = await authParams(op, { prompt: 'none', simulation: '' });
        await redirectError(
          first.browser,
          client.buildAuthorizationUrl(config, none.params),
          'login_required',
        );
        const plain = await authParams(op, { simulation: '' });
        const box = await pageOf(first.browser, client.buildAuthorizationUrl(config, plain.params));
        assert.match(box.url.pathname, new RegExp(`^${prefix}/login/`), 'the box asks for a login');
        assert.match(box.html, /name="userId"/);
      }
    });

    test('max_age: an old auth_time prompts (prompt=none: login_required)', async () => {
      const config = await discover(op, '/op', bank);
      const first = await simulatedLogin(op, config);
      await new Promise((r) => setTimeout(r, 1100));
      const none = await authParams(op, { prompt: 'none', simulation: '', max_age: '0' });
      await redirectError(first.browser, client.buildAuthorizationUrl(config, none.params), 'login_required');
      const plain = await authParams(op, { simulation: '', max_age: '0' });
      const box = await pageOf(first.browser, client.buildAuthorizationUrl(config, plain.params));
      assert.match(box.url.pathname, /^\/op\/login\//);
      const fresh = await authParams(op, { prompt: 'none', simulation: '', max_age: '60' });
      const cb = await first.browser.callback(client.buildAuthorizationUrl(config, fresh.params));
      assert.ok(cb.searchParams.get('code'), 'a recent login is enough');
    });

    test('step-up: a higher level prompts; the box asks only the PIN; the new tokens are High', async () => {
      const config = await discover(op, '/op', bank);
      const first = await simulatedLogin(op, config, new Browser(), { scope: 'openid mitid' });
      assert.equal(first.tokens.claims()?.loa, 'https://data.gov.dk/concept/core/nsis/Substantial');
      const { browser } = first;
      const mitid = (m: Record<string, unknown>) => JSON.stringify({ mitid: m });

      // enable_step_up without prompt=login, or not above the session's level: invalid_request (a page).
      const noPrompt = await authParams(op, {
        simulation: '',
        idp_params: mitid({ loa_value: 'high', enable_step_up: true }),
      });
      const refused = await pageOf(browser, client.buildAuthorizationUrl(config, noPrompt.params));
      assert.equal(refused.status, 400);
      assert.match(refused.html, /invalid_request/);
      const notAbove = await authParams(op, {
        simulation: '',
        prompt: 'login',
        idp_params: mitid({ loa_value: 'substantial', enable_step_up: true }),
      });
      const refused2 = await pageOf(browser, client.buildAuthorizationUrl(config, notAbove.params));
      assert.equal(refused2.status, 400);
      assert.match(refused2.html, /invalid_request/);

      // prompt=none at a higher level: login_required (the session's level is not enough).
      const none = await authParams(op, {
        simulation: '',
        prompt: 'none',
        idp_params: mitid({ loa_value: 'high' }),
      });
      await redirectError(browser, client.buildAuthorizationUrl(config, none.params), 'login_required');

      // The step-up: prompt=login, high, enable_step_up, the uuid hint.
      const p = await authParams(op, {
        simulation: '',
        scope: 'openid mitid',
        prompt: 'login',
        idp_params: mitid({ loa_value: 'high', enable_step_up: true, uuid_hint: op.identityId }),
      });
      const box = await pageOf(browser, client.buildAuthorizationUrl(config, p.params));
      assert.match(box.url.pathname, /^\/op\/login\//);
      assert.doesNotMatch(box.html, /name="userId"/, 'no user-ID');
      assert.doesNotMatch(box.html, /login-box-qr|login-box-typed/, 'no QR and no code');
      assert.match(box.html, /Åbn MitID-appen og godkend med din PIN-kode/);

      // The app sees it at once (no channel proof), at level high, with the PIN.
      const [tx] = await op.device.pending();
      assert.ok(tx, 'the request is in the app without a QR or code');
      assert.equal(tx.level, 'high');
      assert.equal(tx.requiresPin, true);
      assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);
      const approved = await (await browser.fetch(box.url)).text();
      const done = await browser.follow(
        new URL(`${box.url.pathname}/done`, op.base),
        form({ _csrf: csrfOf(approved) }),
      );
      assert.ok('url' in done, 'back at the service');
      const tokens = await tokensOf(config, done.url, p);
      const claims = tokens.claims();
      assert.equal(claims?.loa, 'https://data.gov.dk/concept/core/nsis/High');
      assert.equal(claims?.acr, 'https://data.gov.dk/concept/core/nsis/High');
      assert.equal(claims?.transaction_id, tx.id);

      // The session is High now: prompt=none at high is answered.
      const again = await authParams(op, {
        simulation: '',
        prompt: 'none',
        idp_params: mitid({ loa_value: 'high' }),
      });
      const cb = await browser.callback(client.buildAuthorizationUrl(config, again.params));
      assert.ok(cb.searchParams.get('code'));
    });

    test('a stranger with only the uuid: a uuid hint is no step-up, the box binds the channel', async () => {
      const config = await discover(op, '/op', bank);
      const p = await authParams(op, {
        simulation: '',
        idp_params: JSON.stringify({ mitid: { loa_value: 'high', uuid_hint: op.identityId } }),
      });
      const before = (await op.device.pending()).length;
      const box = await pageOf(new Browser(), client.buildAuthorizationUrl(config, p.params));
      assert.match(box.html, /login-box-typed/, 'the QR and code step, as without a session');
      assert.equal((await op.device.pending()).length, before, "nothing reaches the person's app");
    });

    test("a transfer approved at one member: the group's SSO login carries no transaction", async () => {
      const bankConfig = await discover(op, '/op', bank);
      const browser = new Browser();
      const transfer = {
        type: 'payment_initiation',
        instructedAmount: { currency: 'DKK', amount: '10.00' },
        debtorAccount: { regNo: '1234', accountNo: '0001234567' },
        creditorAccount: { regNo: '9999', accountNo: '0087654321' },
      };
      const p = await authParams(op, { simulation: '', authorization_details: JSON.stringify([transfer]) });
      const first = await pageOf(browser, await client.buildAuthorizationUrlWithPAR(bankConfig, p.params));
      const approved = await tokensOf(bankConfig, await boxLogin(op, browser, first.url, first.html), p);
      assert.equal(typeof approved.transaction_token, 'string', "the bank's own token");

      const borgerConfig = await discover(op, '/idura', borger);
      const sso = await authParams(op, { prompt: 'none', simulation: '' });
      const tokens = await tokensOf(
        borgerConfig,
        await browser.callback(client.buildAuthorizationUrl(borgerConfig, sso.params)),
        sso,
      );
      assert.equal(tokens.claims()?.uuid, op.identityId, 'the SSO login');
      assert.equal(tokens.transaction_token, undefined, 'no transaction token');
      assert.equal(tokens.authorization_details, undefined, 'no approved details');
    });

    test('a higher level from a client the session does not serve: the ordinary box, no push to the app', async () => {
      const config = await discover(op, '/op', bank);
      const first = await simulatedLogin(op, config);
      const lonerConfig = await discover(op, '/idura', loner);
      const before = (await op.device.pending()).length;
      const p = await authParams(op, { simulation: '', acr_values: 'urn:grn:authn:dk:mitid:high' });
      const box = await pageOf(first.browser, client.buildAuthorizationUrl(lonerConfig, p.params));
      assert.match(box.url.pathname, /^\/idura\/login\//);
      assert.match(box.html, /name="userId"/, 'the user-ID step');
      assert.equal((await op.device.pending()).length, before, "nothing in the person's app");
    });

    test("a stranger's own session with the victim's uuid: no step-up, nothing in the victim's app", async () => {
      const { person: mallory, device: malloryApp } = await op.h.activatedPerson({
        userId: 'Mallory Stranger 1',
      });
      const config = await discover(op, '/op', bank);
      const browser = new Browser();
      // Mallory's own MitID session, Substantial.
      const own = await authParams(op, { simulation: `no-ui uuid:${mallory.identityId}` });
      await browser.callback(client.buildAuthorizationUrl(config, own.params));
      const victimBefore = (await op.device.pending()).length;
      // NEB's step-up, with Jonas's uuid as the hint: not the session's person, so no step-up.
      const p = await authParams(op, {
        simulation: '',
        prompt: 'login',
        idp_params: JSON.stringify({
          mitid: { loa_value: 'high', enable_step_up: true, uuid_hint: op.identityId },
        }),
      });
      const box = await pageOf(browser, client.buildAuthorizationUrl(config, p.params));
      assert.match(box.url.pathname, /^\/op\/login\//);
      assert.match(box.html, /login-box-typed/, 'the QR and code step: the channel must be proved');
      assert.doesNotMatch(box.html, /Åbn MitID-appen og godkend med din PIN-kode/);
      assert.equal((await op.device.pending()).length, victimBefore, "nothing in Jonas's app");
      assert.equal((await malloryApp.pending()).length, 0, "nor in Mallory's");
    });

    test("a login at one provider while the other's interaction runs: both finish, one session", async () => {
      const browser = new Browser();
      const lonerConfig = await discover(op, '/idura', loner);
      const waiting = await authParams(op, { simulation: '' });
      const box = await pageOf(browser, client.buildAuthorizationUrl(lonerConfig, waiting.params));
      assert.match(box.url.pathname, /^\/idura\/login\//);
      // Meanwhile, in another tab: a login at the other provider makes the session.
      const bankConfig = await discover(op, '/op', bank);
      const first = await simulatedLogin(op, bankConfig, browser);
      // The first tab's login finishes into the same session (the same person).
      const callback = await boxLogin(op, browser, box.url, box.html);
      const tokens = await tokensOf(lonerConfig, callback, waiting);
      assert.equal(tokens.claims()?.uuid, op.identityId);
      assert.equal(tokens.claims()?.acr, 'urn:grn:authn:dk:mitid:substantial');
      // The session now holds both clients: each answers prompt=none with its own login.
      const again = async (config: client.Configuration) => {
        const p = await authParams(op, { prompt: 'none', simulation: '' });
        return tokensOf(config, await browser.callback(client.buildAuthorizationUrl(config, p.params)), p);
      };
      const bankAgain = (await again(bankConfig)).claims();
      assert.equal(bankAgain?.transaction_id, first.tokens.claims()?.transaction_id, "the bank's own login");
      assert.equal(bankAgain?.sid, first.tokens.claims()?.sid, 'the same sid');
      const lonerAgain = (await again(lonerConfig)).claims();
      assert.equal(lonerAgain?.uuid, op.identityId);
      assert.equal(lonerAgain?.auth_time, tokens.claims()?.auth_time, "the loner's own login");
      assert.equal([...browser.jar.keys()].filter((k) => k === '_mitid_session').length, 1);
    });

    test('logging out of one service only: only its logout token, the session stays for the other', async () => {
      rx.got.length = 0;
      const bankConfig = await discover(op, '/op', bank);
      const borgerConfig = await discover(op, '/idura', borger);
      const first = await simulatedLogin(op, bankConfig);
      const p = await authParams(op, { prompt: 'none', simulation: '' });
      await tokensOf(
        borgerConfig,
        await first.browser.callback(client.buildAuthorizationUrl(borgerConfig, p.params)),
        p,
      );
      const end = client.buildEndSessionUrl(bankConfig, {
        id_token_hint: first.tokens.id_token as string,
        post_logout_redirect_uri: POST_LOGOUT,
      });
      const shown = await pageOf(first.browser, end);
      const action = /<form[^>]*action="([^"]+)"/.exec(shown.html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(shown.html)?.[1];
      assert.ok(action && xsrf);
      // "Nej": no logout=yes, only this service's part of the session ends.
      const done = await first.browser.follow(new URL(action, op.base), form({ xsrf }));
      assert.ok('url' in done);
      await sessionsOf(op.h.app).settled();
      assert.deepEqual(
        rx.got.map((g) => g.path),
        ['/bc/bank'],
      );
      const again = await authParams(op, { prompt: 'none', simulation: '' });
      const cb = await first.browser.callback(client.buildAuthorizationUrl(borgerConfig, again.params));
      assert.ok(cb.searchParams.get('code'), 'Borger is still logged in');
    });

    test('logout at one provider: a logout token to every client of the session, each from its own issuer', async () => {
      rx.got.length = 0;
      rx.failing.set('/bc/borger', 1); // the first delivery to Borger fails: it is tried again
      const bankConfig = await discover(op, '/op', bank);
      const borgerConfig = await discover(op, '/idura', borger);
      const first = await simulatedLogin(op, bankConfig);
      const p = await authParams(op, { prompt: 'none', simulation: '' });
      const sso = await tokensOf(
        borgerConfig,
        await first.browser.callback(client.buildAuthorizationUrl(borgerConfig, p.params)),
        p,
      );
      const bankSid = first.tokens.claims()?.sid;
      const borgerSid = sso.claims()?.sid;

      const end = client.buildEndSessionUrl(bankConfig, {
        id_token_hint: first.tokens.id_token as string,
        post_logout_redirect_uri: POST_LOGOUT,
      });
      const shown = await pageOf(first.browser, end);
      const action = /<form[^>]*action="([^"]+)"/.exec(shown.html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(shown.html)?.[1];
      assert.ok(action && xsrf);
      const done = await first.browser.follow(new URL(action, op.base), form({ xsrf, logout: 'yes' }));
      assert.ok('url' in done);
      await sessionsOf(op.h.app).settled();

      assert.deepEqual(rx.got.map((g) => g.path).sort(), ['/bc/bank', '/bc/borger'], 'one per client');
      for (const [path, prefix, c, sid] of [
        ['/bc/bank', '/op', bank, bankSid],
        ['/bc/borger', '/idura', borger, borgerSid],
      ] as const) {
        const token = rx.got.find((g) => g.path === path)?.token ?? '';
        const issuer = `${op.base}${prefix}`;
        const meta = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
          jwks_uri: string;
        };
        const { payload, protectedHeader } = await jwtVerify(
          token,
          createRemoteJWKSet(new URL(meta.jwks_uri)),
          {
            issuer,
            audience: c.id,
          },
        );
        assert.equal(protectedHeader.typ, 'logout+jwt');
        assert.deepEqual(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} });
        assert.equal(payload.sid, sid);
        assert.equal(payload.nonce, undefined);
        assert.equal(typeof payload.jti, 'string');
        assert.ok(Math.abs((payload.iat ?? 0) - Date.now() / 1000) < 30);
      }
      // The session is gone at both providers.
      const after = await authParams(op, { prompt: 'none', simulation: '' });
      await redirectError(
        first.browser,
        client.buildAuthorizationUrl(borgerConfig, after.params),
        'login_required',
      );
    });
  });
}
