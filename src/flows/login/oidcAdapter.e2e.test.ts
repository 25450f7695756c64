/**
 * The adapter under the real library: an oidc-provider on a loopback port keeps all its state in
 * the test database through OidcAdapter, and openid-client, an independent certified client, runs
 * the authorization code flow with PKCE (S256) against it, with a trivial interaction that logs in
 * a fixed account (as ../shared/bench/oidc-floor does). Then the code is replayed: the provider
 * refuses it (invalid_grant) and revokes what the code gave, through the adapter.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import * as client from 'openid-client';
import type { MitidDb } from '../../core/db/index.ts';
import { systemClock } from '../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import { OIDC_MODELS, OidcAdapter, oidcAdapterFactory } from './index.ts';

const ACCOUNT_ID = 'fixed-account';
const CLIENT_ID = 'e2e';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:4199/cb';

/** A provider whose every model is stored by OidcAdapter in `database`, on a loopback port. */
async function startProvider(database: TestDatabase<MitidDb>): Promise<{
  provider: Provider;
  issuer: string;
  close: () => Promise<void>;
}> {
  let provider: Provider | undefined;
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) return void interaction(provider, req, res);
    return void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  provider = new Provider(issuer, {
    adapter: oidcAdapterFactory({ db: database.db, clock: systemClock }),
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [REDIRECT_URI],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), alg: 'ES256', use: 'sig', kid: 'e2e-es256' }] },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: { devInteractions: { enabled: false } },
    // The library's defaults, as constants (it warns about defaults otherwise).
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 86_400,
      Session: 86_400,
    },
    interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  });
  return {
    provider,
    issuer,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The login box of this test: logs in the fixed account and grants openid, in one round trip. */
async function interaction(
  provider: Provider,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: ACCOUNT_ID, clientId: String(details.params.client_id) });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: ACCOUNT_ID }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}

/**
 * A browser reduced to what the flow needs: it keeps cookies (name → value; paths and expiry are
 * the provider's business, a cleared cookie is dropped) and follows redirects until one leads to
 * the client's redirect URI, which it returns instead of loading.
 */
async function browse(start: URL): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const cleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) jar.delete(name);
      else jar.set(name, value);
    }
    const location = res.headers.get('location');
    await res.body?.cancel();
    if (!location) throw new Error(`${url.pathname} answered ${res.status} without a redirect`);
    url = new URL(location, url);
    if (url.href.startsWith(REDIRECT_URI)) return url;
  }
  throw new Error('too many redirects');
}

for (const dialect of await dialectsUnderTest()) {
  describe(`oidc-provider with OidcAdapter and openid-client on ${dialect}`, () => {
    let database: TestDatabase<MitidDb>;
    let op: Awaited<ReturnType<typeof startProvider>>;
    before(async () => {
      database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      op = await startProvider(database);
    });
    after(async () => {
      await op?.close();
      await database?.close();
    });

    test('OIDC_MODELS is every model the library stores, and each gets an OidcAdapter', () => {
      const getters = Object.getOwnPropertyNames(Provider.prototype).filter((n) => /^[A-Z]/.test(n));
      // Never stored: Claims, IdToken, the request context and resource servers; BaseToken is
      // the tokens' abstract base class.
      const notStored = ['Claims', 'IdToken', 'BaseToken', 'OIDCContext', 'ResourceServer'];
      const stored = getters.filter((n) => !notStored.includes(n));
      assert.deepEqual(stored.toSorted(), [...OIDC_MODELS].toSorted());
      const models = op.provider as unknown as Record<string, { adapter: unknown }>;
      for (const name of OIDC_MODELS) {
        const adapter = models[name]?.adapter;
        assert.ok(adapter instanceof OidcAdapter, name);
        assert.equal(adapter.model, name);
      }
    });

    test('authorization code with PKCE logs in; the replayed code is invalid_grant and revokes the token', async () => {
      const config = await client.discovery(
        new URL(op.issuer),
        CLIENT_ID,
        { id_token_signed_response_alg: 'ES256' },
        client.ClientSecretBasic(CLIENT_SECRET),
        { execute: [client.allowInsecureRequests] },
      );
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const authorize = client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      const callback = await browse(authorize);
      const checks = { pkceCodeVerifier: verifier, expectedState: state };

      const tokens = await client.authorizationCodeGrant(config, callback, checks);
      assert.equal(tokens.claims()?.sub, ACCOUNT_ID);
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, ACCOUNT_ID);
      assert.equal(userinfo.sub, ACCOUNT_ID);

      // Everything the flow made is in the database (the interaction, once finished, was
      // destroyed), and the code is marked consumed there.
      const rows = await database.db
        .selectFrom('oidc_payloads')
        .select(['model', 'grant_id', 'consumed_at'])
        .execute();
      const models = new Set(rows.map((r) => r.model));
      for (const model of ['Session', 'Grant', 'AuthorizationCode', 'AccessToken']) {
        assert.ok(models.has(model), `${model} stored`);
      }
      assert.ok(!models.has('Interaction'), 'the finished interaction is gone');
      const code = rows.find((r) => r.model === 'AuthorizationCode');
      assert.ok(code?.consumed_at, 'the code is consumed');

      await assert.rejects(client.authorizationCodeGrant(config, callback, checks), (err: unknown) => {
        assert.ok(err instanceof client.ResponseBodyError);
        assert.equal(err.error, 'invalid_grant');
        assert.equal(err.status, 400);
        return true;
      });
      // A replayed code revokes the grant's tokens (helpers/grant_source.js): through the adapter.
      const left = await database.db
        .selectFrom('oidc_payloads')
        .select('model')
        .where('grant_id', '=', code.grant_id)
        .where('model', '=', 'AccessToken')
        .execute();
      assert.deepEqual(left, []);
      await assert.rejects(client.fetchUserInfo(config, tokens.access_token, ACCOUNT_ID), (err: unknown) => {
        assert.ok(
          err instanceof client.WWWAuthenticateChallengeError || err instanceof client.ResponseBodyError,
        );
        return true;
      });
    });

    test('a wrong PKCE verifier gets invalid_grant and no tokens', async () => {
      const config = await client.discovery(
        new URL(op.issuer),
        CLIENT_ID,
        { id_token_signed_response_alg: 'ES256' },
        client.ClientSecretBasic(CLIENT_SECRET),
        { execute: [client.allowInsecureRequests] },
      );
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const callback = await browse(
        client.buildAuthorizationUrl(config, {
          redirect_uri: REDIRECT_URI,
          scope: 'openid',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
        }),
      );
      await assert.rejects(
        client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
          expectedState: state,
        }),
        { error: 'invalid_grant' },
      );
    });
  });
}
