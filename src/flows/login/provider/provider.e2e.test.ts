/**
 * The two OpenID Connect providers end to end, on both databases: the real MitID service on a
 * loopback port, openid-client (an independent certified client) against it, the simulation
 * parameter for the login (no box needed).
 */
import assert from 'node:assert/strict';
import { createHmac, type KeyObject, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { ClientAdmin, deriveClientSecretKey } from '../../../core/clients/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { SERVER_SECRET } from '../../../kinds/app/testing/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import {
  authParams,
  Browser,
  discover,
  POST_LOGOUT,
  REDIRECT,
  simulatedLogin,
  startTestOp,
  type TestClient,
  type TestOp,
} from './testOp.ts';

const b64 = (v: object | Buffer): string =>
  (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** A compact JWS: HS256 with a secret, or ES256 with an EC key. */
function jws(payload: object, key: { secret: string } | { ec: KeyObject; kid: string }): string {
  const header =
    'secret' in key
      ? { alg: 'HS256', typ: 'oauth-authz-req+jwt' }
      : { alg: 'ES256', kid: key.kid, typ: 'oauth-authz-req+jwt' };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature =
    'secret' in key
      ? createHmac('sha256', key.secret).update(input).digest()
      : sign('sha256', Buffer.from(input), { key: key.ec, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64(signature)}`;
}

/** What the person's browser shows when the provider stops the flow: a page, never a redirect. */
async function expectPage(browser: Browser, url: URL | string, error: string): Promise<string> {
  const r = await browser.follow(url);
  assert.ok('page' in r, `a page, not a redirect to ${'url' in r ? r.url.href : ''}`);
  assert.equal(r.page.status >= 400, true, `status ${r.page.status}`);
  assert.equal(r.page.headers.get('location'), null);
  const body = await r.page.text();
  assert.match(r.page.headers.get('content-type') ?? '', /html/);
  assert.ok(body.includes(error), `the page names ${error}`);
  assert.ok(!/\bat [\w.]+ \(/.test(body), 'no stack trace');
  return body;
}

/** The error the client is sent back with. */
async function expectRedirectError(browser: Browser, url: URL | string, error: string): Promise<URL> {
  const r = await browser.follow(url);
  assert.ok('url' in r, 'a redirect to the client');
  assert.equal(r.url.searchParams.get('error'), error);
  assert.equal(r.url.searchParams.get('code'), null);
  return r.url;
}

const NSIS = 'https://data.gov.dk/concept/core/nsis/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const dialect of await dialectsUnderTest()) {
  describe(`OpenID Connect providers on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let sgPost: TestClient;
    let sgJwt: TestClient;
    let sgNoCpr: TestClient;
    let sgNotTest: TestClient;
    let idura: TestClient;
    let iduraNoCpr: TestClient;
    let sgSameOrg: TestClient;
    before(async () => {
      op = await startTestOp(dialect);
      sg = await op.addClient({
        id: 'sg-basic',
        dialect: 'signaturgruppen',
        permissions: ['oidc.login', 'oidc.cpr'],
        oidc: { organisation: 'Kommunen' },
      });
      sgSameOrg = await op.addClient({
        id: 'sg-same-org',
        dialect: 'signaturgruppen',
        oidc: { organisation: 'Kommunen' },
      });
      sgPost = await op.addClient({
        id: 'sg-post',
        dialect: 'signaturgruppen',
        oidc: { tokenEndpointAuthMethod: 'client_secret_post' },
      });
      sgJwt = await op.addClient(
        { id: 'sg-jwt', dialect: 'signaturgruppen', oidc: { tokenEndpointAuthMethod: 'private_key_jwt' } },
        true,
      );
      sgNoCpr = await op.addClient({ id: 'sg-nocpr', dialect: 'signaturgruppen' });
      sgNotTest = await op.addClient({ id: 'sg-nottest', dialect: 'signaturgruppen', testClient: false });
      idura = await op.addClient({
        id: 'idura-basic',
        dialect: 'idura',
        permissions: ['oidc.login', 'oidc.cpr'],
      });
      iduraNoCpr = await op.addClient({ id: 'idura-nocpr', dialect: 'idura' });
    });
    after(async () => op?.close());

    test('discovery and JWKS of both mounts', async () => {
      for (const [prefix, paths] of [
        [
          '/op',
          {
            authorization: '/op/connect/authorize',
            jwks: '/op/.well-known/openid-configuration/jwks',
            par: '/op/connect/par',
            end: '/op/connect/endsession',
          },
        ],
        [
          '/idura',
          {
            authorization: '/idura/oauth2/authorize',
            jwks: '/idura/.well-known/jwks',
            par: '/idura/oauth2/par',
            end: '/idura/oauth2/logout',
          },
        ],
      ] as const) {
        const res = await fetch(`${op.base}${prefix}/.well-known/openid-configuration`);
        assert.equal(res.status, 200);
        const d = (await res.json()) as Record<string, unknown>;
        assert.equal(d.issuer, `${op.base}${prefix}`);
        assert.equal(d.authorization_endpoint, `${op.base}${paths.authorization}`);
        assert.equal(d.jwks_uri, `${op.base}${paths.jwks}`);
        assert.equal(d.pushed_authorization_request_endpoint, `${op.base}${paths.par}`);
        assert.equal(d.end_session_endpoint, `${op.base}${paths.end}`);
        assert.deepEqual(d.code_challenge_methods_supported, ['S256']);
        assert.deepEqual(d.subject_types_supported, ['pairwise']);
        const jwks = (await (await fetch(`${op.base}${paths.jwks}`)).json()) as {
          keys: Record<string, unknown>[];
        };
        assert.deepEqual(jwks.keys.map((k) => k.alg).sort(), ['ES256', 'RS256']);
        for (const k of jwks.keys) {
          for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
            assert.equal(k[secret], undefined, `no ${secret}`);
        }
      }
    });

    test('code + PKCE by the simulation: a pairwise sub, the login facts, userinfo', async () => {
      const config = await discover(op, '/op', sg);
      const { tokens, browser } = await simulatedLogin(op, config, undefined, { scope: 'openid mitid ssn' });
      // The provider's own cookies, signed, named per dialect.
      assert.ok(browser.jar.has('_mitid_session'));
      assert.ok(browser.jar.has('_mitid_session.sig'));
      const claims = tokens.claims();
      assert.ok(claims);
      assert.match(claims.sub, UUID);
      assert.notEqual(claims.sub, op.identityId);
      // As a real login at substantial: the app alone (no PIN asked), the identity substantial.
      assert.equal(claims.acr, `${NSIS}Substantial`);
      // Signaturgruppen's spelling: the app (with or without the PIN) is code_app.
      assert.deepEqual(claims.amr, ['code_app']);
      assert.equal(claims.idp, 'mitid');
      assert.equal(claims.aal, `${NSIS}Substantial`);
      assert.equal(claims.loa, `${NSIS}Substantial`);
      assert.equal(claims['dk.cpr'], undefined, 'the ID token is minimal');
      assert.equal(typeof claims.auth_time, 'number');
      const row = await op.h.database.db
        .selectFrom('authentications')
        .selectAll()
        .where('id', '=', String(claims.transaction_id))
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'approved');
      assert.equal(row.client_id, 'sg-basic');
      assert.equal(row.identity_id, op.identityId);
      assert.ok(row.consumed_at);
      // With its activity: the person's log shows the approval at the service.
      const activity = await op.h.database.db
        .selectFrom('activity')
        .selectAll()
        .where('authentication_id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.equal(activity.result, 'approved');
      assert.equal(activity.identity_id, op.identityId);
      assert.equal(activity.kind, 'app');
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.equal(info['mitid.uuid'], op.identityId);
      assert.match(String(info['dk.cpr']), /^\d{10}$/);
    });

    test('the Idura mount logs in too; sub is per organisation, the uuid the same for every client', async () => {
      const a = await simulatedLogin(op, await discover(op, '/op', sg), undefined, { scope: 'openid mitid' });
      const b = await simulatedLogin(op, await discover(op, '/op', sgSameOrg));
      const c = await simulatedLogin(op, await discover(op, '/idura', idura), undefined, {
        scope: 'openid ssn',
      });
      const [ca, cb, cc] = [a.tokens.claims(), b.tokens.claims(), c.tokens.claims()];
      assert.equal(ca?.sub, cb?.sub, 'one organisation: one sub');
      assert.notEqual(ca?.sub, cc?.sub, 'another organisation: another sub');
      assert.equal(cc?.iss, `${op.base}/idura`);
      const iduraConfig = await discover(op, '/idura', idura);
      // Idura issues the person in the ID token, the uuid stable per person.
      assert.equal(cc?.uuid, op.identityId);
      assert.equal(cc?.identityscheme, 'dkmitid');
      assert.match(String(cc?.cprNumberIdentifier), /^\d{10}$/);
      const info = await client.fetchUserInfo(iduraConfig, c.tokens.access_token, String(cc?.sub));
      assert.equal(info.uuid, op.identityId);
    });

    test('client_secret_post and private_key_jwt; a wrong secret, or a secret for a key, is invalid_client', async () => {
      const post = await simulatedLogin(op, await discover(op, '/op', sgPost, 'post'));
      assert.ok(post.tokens.claims()?.sub);
      const jwt = await simulatedLogin(op, await discover(op, '/op', sgJwt, 'jwt'));
      assert.ok(jwt.tokens.claims()?.sub);
      for (const wrong of [
        await discover(op, '/op', { ...sg, secret: `${sg.secret}x` }),
        await discover(op, '/op', { ...sgPost, secret: sg.secret }, 'post'),
        // A private_key_jwt client's secret does not stand in for its key.
        await discover(op, '/op', sgJwt, 'basic'),
      ]) {
        const { verifier, state, nonce, params } = await authParams(op);
        const callback = await new Browser().callback(client.buildAuthorizationUrl(wrong, params));
        await assert.rejects(
          client.authorizationCodeGrant(wrong, callback, {
            pkceCodeVerifier: verifier,
            expectedState: state,
            expectedNonce: nonce,
          }),
          (err: unknown) =>
            (err instanceof client.ResponseBodyError && err.error === 'invalid_client') ||
            (err instanceof client.WWWAuthenticateChallengeError &&
              err.status === 401 &&
              err.cause.some((c) => c.parameters.error === 'invalid_client')),
        );
      }
    });

    test('PAR: 201 with a request_uri, and the login by it', async () => {
      const res = await fetch(`${op.base}/op/connect/par`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sg.id}:${sg.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          ...(await authParams(op)).params,
          client_id: sg.id,
          response_type: 'code',
        }),
      });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { request_uri: string; expires_in: number };
      assert.match(body.request_uri, /^urn:ietf:params:oauth:request_uri:/);
      assert.ok(body.expires_in > 0);
      const config = await discover(op, '/op', sg);
      const { tokens } = await simulatedLogin(op, config, undefined, {}, (p) =>
        client.buildAuthorizationUrlWithPAR(config, p),
      );
      assert.ok(tokens.claims()?.sub);
    });

    test('signed request objects: ES256 and HS256 log in; a tampered or expired one is refused', async () => {
      const jarConfig = await discover(op, '/op', sgJwt, 'jwt');
      const signed = await simulatedLogin(op, jarConfig, undefined, {}, (p) =>
        client.buildAuthorizationUrlWithJAR(jarConfig, p, {
          key: sgJwt.cryptoKey as CryptoKey,
          kid: sgJwt.kid as string,
        }),
      );
      assert.ok(signed.tokens.claims()?.sub);

      const issuer = `${op.base}/op`;
      const now = Math.floor(Date.now() / 1000);
      const object = async (c: TestClient, claims: object = {}) => ({
        ...(await authParams(op)).params,
        response_type: 'code',
        client_id: c.id,
        iss: c.id,
        aud: issuer,
        iat: now,
        exp: now + 60,
        ...claims,
      });
      const url = (c: TestClient, request: string) => {
        const u = new URL(`${issuer}/connect/authorize`);
        u.searchParams.set('client_id', c.id);
        u.searchParams.set('request', request);
        return u;
      };
      // HS256, keyed with the client secret (Signaturgruppen's example): a code comes back.
      const hs = await new Browser().follow(url(sg, jws(await object(sg), { secret: sg.secret })));
      assert.ok('url' in hs && hs.url.searchParams.get('code'), 'HS256 with the client secret logs in');
      // Keyed with another secret: refused.
      await expectPage(
        new Browser(),
        url(sg, jws(await object(sg), { secret: sgPost.secret })),
        'invalid_request_object',
      );
      const ec = { ec: sgJwt.key as KeyObject, kid: sgJwt.kid as string };
      const good = jws(await object(sgJwt), ec);
      const [h, p, sig] = good.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const tampered = `${h}.${b64({ ...claims, scope: 'openid mitid' })}.${sig}`;
      await expectPage(new Browser(), url(sgJwt, tampered), 'invalid_request_object');
      const expired = jws(await object(sgJwt, { iat: now - 600, exp: now - 300 }), ec);
      await expectPage(new Browser(), url(sgJwt, expired), 'invalid_request_object');
    });

    test('a wrong redirect URI or an unknown client is a page on both mounts, never a redirect', async () => {
      for (const [prefix, path, c] of [
        ['/op', '/connect/authorize', sg],
        ['/idura', '/oauth2/authorize', idura],
      ] as const) {
        const { params } = await authParams(op, { redirect_uri: 'http://evil.example/cb' });
        const u = new URL(`${op.base}${prefix}${path}`);
        for (const [k, v] of Object.entries({ ...params, client_id: c.id, response_type: 'code' }))
          u.searchParams.set(k, v);
        await expectPage(new Browser(), u, 'invalid_redirect_uri');
        // The other dialect's client is unknown here.
        const other = c === sg ? idura : sg;
        u.searchParams.set('client_id', other.id);
        u.searchParams.set('redirect_uri', REDIRECT);
        await expectPage(new Browser(), u, 'invalid_client');
      }
    });

    test('PKCE is required and checked; a replayed code is refused', async () => {
      const config = await discover(op, '/op', sg);
      const noPkce = await authParams(op, { code_challenge: '', code_challenge_method: '' });
      await expectPage(new Browser(), client.buildAuthorizationUrl(config, noPkce.params), 'invalid_request');
      const iduraConfig = await discover(op, '/idura', idura);
      const iduraNoPkce = await authParams(op, { code_challenge: '', code_challenge_method: '' });
      await expectRedirectError(
        new Browser(),
        client.buildAuthorizationUrl(iduraConfig, iduraNoPkce.params),
        'invalid_request',
      );

      const { verifier, state, nonce, params } = await authParams(op);
      const callback = await new Browser().callback(client.buildAuthorizationUrl(config, params));
      await assert.rejects(
        client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: state,
          expectedNonce: nonce,
        }),
        { error: 'invalid_grant' },
      );
      const again = await authParams(op);
      const cb2 = await new Browser().callback(client.buildAuthorizationUrl(config, again.params));
      const checks = {
        pkceCodeVerifier: again.verifier,
        expectedState: again.state,
        expectedNonce: again.nonce,
      };
      await client.authorizationCodeGrant(config, cb2, checks);
      await assert.rejects(client.authorizationCodeGrant(config, cb2, checks), { error: 'invalid_grant' });
      assert.ok(verifier);
    });

    test('scope ssn from a client without oidc.cpr is no refusal: after the login the box asks for the CPR', async () => {
      // The CPR match itself: cprMatch.e2e.test.ts.
      for (const [prefix, c] of [
        ['/op', sgNoCpr],
        ['/idura', iduraNoCpr],
      ] as const) {
        const config = await discover(op, prefix, c);
        const p = await authParams(op, { scope: 'openid ssn' });
        const r = await new Browser().follow(client.buildAuthorizationUrl(config, p.params));
        assert.ok('page' in r, 'the box, not a redirect');
        assert.match(new URL(r.page.url).pathname, new RegExp(`^${prefix}/login/`));
        assert.match(await r.page.text(), /Bekræft dit CPR-nummer/);
      }
    });

    test('the simulation is refused to a client that is not a test client, and records nothing', async () => {
      const config = await discover(op, '/op', sgNotTest);
      const p = await authParams(op);
      await expectPage(new Browser(), client.buildAuthorizationUrl(config, p.params), 'unauthorized_client');
      const rows = await op.h.database.db
        .selectFrom('authentications')
        .select('id')
        .where('client_id', '=', sgNotTest.id)
        .execute();
      assert.deepEqual(rows, []);
    });

    test('prompt=none: login_required without a session, SSO with one, login_required again past max_age', async () => {
      const config = await discover(op, '/op', sg);
      const fresh = await authParams(op, { prompt: 'none', simulation: '' });
      await expectRedirectError(
        new Browser(),
        client.buildAuthorizationUrl(config, fresh.params),
        'login_required',
      );

      const first = await simulatedLogin(op, config);
      const sso = await authParams(op, { prompt: 'none', simulation: '' });
      const callback = await first.browser.callback(client.buildAuthorizationUrl(config, sso.params));
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: sso.verifier,
        expectedState: sso.state,
        expectedNonce: sso.nonce,
      });
      // The same login: its authentication, its time.
      assert.equal(tokens.claims()?.transaction_id, first.tokens.claims()?.transaction_id);
      assert.equal(tokens.claims()?.auth_time, first.tokens.claims()?.auth_time);
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await authParams(op, { prompt: 'none', simulation: '', max_age: '0' });
      await expectRedirectError(
        first.browser,
        client.buildAuthorizationUrl(config, stale.params),
        'login_required',
      );
    });

    test('a MitID blocked, or a client disabled, after the code was issued: no tokens', async () => {
      const shortLived = await op.addClient({ id: 'sg-disabled-later', dialect: 'signaturgruppen' });
      const config = await discover(op, '/op', sg);
      const p = await authParams(op);
      const callback = await new Browser().callback(client.buildAuthorizationUrl(config, p.params));
      const identities = new IdentityStore(op.h.database.db);
      await identities.setStatus(op.identityId, 'blocked', Date.now());
      try {
        await assert.rejects(
          client.authorizationCodeGrant(config, callback, {
            pkceCodeVerifier: p.verifier,
            expectedState: p.state,
            expectedNonce: p.nonce,
          }),
          { error: 'invalid_grant' },
        );
      } finally {
        await identities.setStatus(op.identityId, 'active', Date.now());
      }

      const other = await discover(op, '/op', shortLived);
      const q = await authParams(op);
      const cb = await new Browser().callback(client.buildAuthorizationUrl(other, q.params));
      await new ClientAdmin({
        db: op.h.database.db,
        clock: op.h.clock,
        random: cryptoRandom,
        key: deriveClientSecretKey(SERVER_SECRET),
      }).disable(shortLived.id);
      await op.h.core.clients.reload();
      await assert.rejects(
        client.authorizationCodeGrant(other, cb, {
          pkceCodeVerifier: q.verifier,
          expectedState: q.state,
          expectedNonce: q.nonce,
        }),
        (err: unknown) =>
          (err instanceof client.ResponseBodyError && err.error === 'invalid_client') ||
          (err instanceof client.WWWAuthenticateChallengeError && err.status === 401),
      );
    });

    test('end session with id_token_hint: a confirmation, then back to the post-logout URI, logged out', async () => {
      const config = await discover(op, '/op', sg);
      const { tokens, browser } = await simulatedLogin(op, config);
      const end = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token as string,
        post_logout_redirect_uri: POST_LOGOUT,
        state: 'bye-1',
      });
      assert.equal(end.pathname, '/op/connect/endsession');
      const shown = await browser.follow(end);
      assert.ok('page' in shown);
      assert.equal(shown.page.status, 200);
      const html = await shown.page.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      assert.ok(action && xsrf, 'the library form is on the page');
      const done = await browser.follow(new URL(action, op.base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      });
      assert.ok('url' in done);
      assert.equal(done.url.origin + done.url.pathname, POST_LOGOUT);
      assert.equal(done.url.searchParams.get('state'), 'bye-1');
      const after = await authParams(op, { prompt: 'none', simulation: '' });
      await expectRedirectError(
        browser,
        client.buildAuthorizationUrl(config, after.params),
        'login_required',
      );
    });
  });
}

describe('with OIDC_SIMULATION off (the default)', () => {
  let op: TestOp;
  before(async () => {
    op = await startTestOp('sqlite', { simulation: false });
  });
  after(async () => op?.close());

  test("a test client's simulation is refused (invalid_request), on both mounts", async () => {
    const sg = await op.addClient({ id: 'sg-test', dialect: 'signaturgruppen' });
    const idura = await op.addClient({ id: 'idura-test', dialect: 'idura' });
    const p1 = await authParams(op);
    await expectPage(
      new Browser(),
      client.buildAuthorizationUrl(await discover(op, '/op', sg), p1.params),
      'invalid_request',
    );
    const p2 = await authParams(op);
    await expectRedirectError(
      new Browser(),
      client.buildAuthorizationUrl(await discover(op, '/idura', idura), p2.params),
      'invalid_request',
    );
    assert.deepEqual(await op.h.database.db.selectFrom('authentications').select('id').execute(), []);
  });
});

describe('per-address throttles on the providers', () => {
  let op: TestOp;
  before(async () => {
    op = await startTestOp('sqlite', { env: { RATE_LIMIT_API: '4', RATE_LIMIT_PAGES: '2' } });
  });
  after(async () => op?.close());

  test('the APIs and the browser endpoints are limited per address, each by its class', async () => {
    const statuses = async (url: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await fetch(url, { redirect: 'manual' });
        await res.body?.cancel();
        out.push(res.status);
      }
      return out;
    };
    assert.deepEqual(
      await statuses(`${op.base}/op/.well-known/openid-configuration`, 5),
      [200, 200, 200, 200, 429],
    );
    // The browser's endpoint has its own budget (a page each: no client here).
    assert.deepEqual(await statuses(`${op.base}/idura/oauth2/authorize`, 3), [400, 400, 429]);
  });
});
