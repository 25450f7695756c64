/**
 * The provider's other two faces, end to end on both databases: the LoginMount port the login
 * box finishes interactions through (a stand-in box route here: the real box is another
 * package's), and the signing keys' rotation (a token signed by the old key still verifies
 * through the JWKS, the new one signs, a retired one is gone).
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import type { LoginMount } from '../../../flows/login/index.ts';
import { dialectOf, loginMountsOf, registerLogin } from '../../../flows/login/index.ts';
import { SERVER_SECRET, startAppHarness } from '../../../kinds/app/testing/index.ts';
import { systemClock } from '../../../platform/clock.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { KeyRing } from '../../../platform/keys/KeyRing.ts';
import type { KeyVersion } from '../../../platform/keys/KeyStore.ts';
import { newOidcSigningKey, oidcSigningJwks } from '../../../platform/keys/oidcSigningKey.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { authParams, Browser, discover, startTestOp, type TestClient, type TestOp } from './testOp.ts';

const version = (n: number, retiredAt: number | null = null): KeyVersion => ({
  purpose: 'oidc-signing',
  version: n,
  secret: newOidcSigningKey(),
  createdAt: 0,
  activatesAt: 0,
  retiredAt,
});

const headerOf = (jwt: string): { kid?: string; alg?: string } =>
  JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString());

/** Verifies a compact JWS with the key of its kid in the JWKS at `url`. */
async function verifiesThrough(url: string, jwt: string): Promise<boolean> {
  const { keys } = (await (await fetch(url)).json()) as {
    keys: (import('node:crypto').JsonWebKey & { kid: string })[];
  };
  const { kid, alg } = headerOf(jwt);
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
    Buffer.from(s, 'base64url'),
  );
}

for (const dialect of await dialectsUnderTest()) {
  describe(`the login port and the signing keys on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let idura: TestClient;
    const v1 = version(1);
    const ring = new KeyRing('oidc-signing', [v1], systemClock);
    before(async () => {
      op = await startTestOp(dialect, {
        signing: ring,
        // A stand-in for the box: finishes this browser's interaction as the query says.
        beforeListen: (h) => {
          for (const mount of loginMountsOf(h.app)) {
            h.app.get<{ Querystring: { outcome?: string } }>(
              `${mount.prefix}/login/:uid/stand-in`,
              async (req, reply) => {
                reply.hijack();
                await standIn(op, mount, req.raw, reply.raw, req.query.outcome);
              },
            );
          }
        },
      });
      sg = await op.addClient({ id: 'sg-box', dialect: 'signaturgruppen', testClient: false });
      idura = await op.addClient({ id: 'idura-box', dialect: 'idura', testClient: false });
    });
    after(async () => op?.close());

    test('the interaction is the login box; details, finishLogin and finishRefused through the port', async () => {
      for (const [prefix, c, described] of [
        ['/op', sg, 'mitid_user_aborted'],
        ['/idura', idura, 'user cancelled'],
      ] as const) {
        const config = await discover(op, prefix, c);
        // Refused (Afbryd): access_denied with the dialect's description.
        const refused = await authParams(op, { simulation: '', ui_locales: 'en' });
        const browser = new Browser();
        const stop = await browser.follow(client.buildAuthorizationUrl(config, refused.params));
        assert.ok('page' in stop);
        assert.equal(stop.page.status, 200);
        // The box, in the request's language, naming the client.
        const boxPage = await stop.page.text();
        assert.match(boxPage, /class="login-box"/);
        assert.match(boxPage, /<html lang="en"/);
        assert.ok(boxPage.includes(`Tjeneste ${c.id}`));
        const at = new URL(stop.page.url);
        assert.match(at.pathname, new RegExp(`^${prefix}/login/[A-Za-z0-9_-]+$`));
        // What the box is told: the interaction, the client, the request as the dialect read it.
        const shown = await browser.follow(new URL(`${at.pathname}/stand-in?outcome=details`, op.base));
        assert.ok('page' in shown);
        const details = JSON.parse(await shown.page.text()) as Record<string, unknown>;
        assert.equal(details.uid, at.pathname.split('/').pop());
        assert.equal(details.dialect, prefix === '/op' ? 'signaturgruppen' : 'idura');
        assert.deepEqual(details.client, { id: c.id, name: `Tjeneste ${c.id}` });
        assert.equal(details.lang, 'en');
        assert.equal((details.request as { action: string }).action, 'login');
        const r = await browser.follow(new URL(`${at.pathname}/stand-in?outcome=refuse`, op.base));
        assert.ok('url' in r);
        assert.equal(r.url.searchParams.get('error'), 'access_denied');
        assert.equal(r.url.searchParams.get('error_description'), described);
        assert.equal(r.url.searchParams.get('state'), refused.state);

        // Logged in: the box's authentication is in the tokens.
        const ok = await authParams(op, { simulation: '' });
        const b2 = new Browser();
        const page = await b2.follow(client.buildAuthorizationUrl(config, ok.params));
        assert.ok('page' in page);
        await page.page.body?.cancel();
        const cb = await b2.callback(
          new URL(`${new URL(page.page.url).pathname}/stand-in?outcome=login`, op.base),
        );
        const tokens = await client.authorizationCodeGrant(config, cb, {
          pkceCodeVerifier: ok.verifier,
          expectedState: ok.state,
          expectedNonce: ok.nonce,
        });
        const claims = tokens.claims();
        const lastBox = await op.h.database.db
          .selectFrom('authentications')
          .select(['id', 'consumed_at'])
          .where('client_id', '=', c.id)
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow();
        assert.ok(lastBox.consumed_at);
        const id =
          prefix === '/op'
            ? claims?.transaction_id
            : (await client.fetchUserInfo(config, tokens.access_token, String(claims?.sub))).uuid;
        assert.equal(id, prefix === '/op' ? lastBox.id : op.identityId);
      }
      // Without the interaction cookie there is nothing to finish.
      const bare = await fetch(`${op.base}/op/login/nothing/stand-in?outcome=details`);
      assert.equal(await bare.text(), 'none');
    });

    test('a key rotation: the new key signs, the old one still verifies through the JWKS until retired', async () => {
      const jwksUrl = `${op.base}/op/.well-known/openid-configuration/jwks`;
      const config = await discover(op, '/op', sg);
      const iduraEs = await op.addClient({
        id: 'idura-es',
        dialect: 'idura',
        testClient: false,
        oidc: { idTokenSignedResponseAlg: 'ES256' },
      });
      const esConfig = await discover(op, '/idura', iduraEs, 'basic', {
        id_token_signed_response_alg: 'ES256',
      });
      const first = await boxLogin(op, config);
      const [rs1, es1] = oidcSigningJwks(v1.secret);
      assert.equal(headerOf(first).kid, rs1?.kid);
      assert.equal(headerOf(first).alg, 'RS256');

      const v2 = version(2);
      ring.replace([v2, { ...v1, retiredAt: Date.now() + 3_600_000 }]);
      const listed = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] }).keys.map(
        (k) => k.kid,
      );
      const [rs2, es2] = oidcSigningJwks(v2.secret);
      assert.deepEqual(listed, [rs2?.kid, es2?.kid, rs1?.kid, es1?.kid]);
      assert.ok(await verifiesThrough(jwksUrl, first), 'the old token verifies after the rotation');
      const second = await boxLogin(op, config);
      assert.equal(headerOf(second).kid, rs2?.kid, 'the new key signs');
      assert.ok(await verifiesThrough(jwksUrl, second));
      // A client that asked for ES256 gets the current ES256 key's signature.
      const es = await boxLogin(op, esConfig);
      assert.equal(headerOf(es).alg, 'ES256');
      assert.equal(headerOf(es).kid, es2?.kid);

      ring.replace([v2, { ...v1, retiredAt: Date.now() - 1000 }]);
      assert.equal(await verifiesThrough(jwksUrl, first), false, 'a retired key is gone from the JWKS');
    });
  });
}

/** The stand-in box: details (as text), refuse (finishRefused), or login (a real approved authentication). */
async function standIn(
  op: TestOp,
  mount: LoginMount,
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
  outcome: string | undefined,
): Promise<void> {
  const details = await mount.details(req, res);
  if (!details) return void res.end('none');
  if (outcome === 'refuse') return mount.finishRefused(req, res, 'cancelled');
  if (outcome !== 'login') return void res.end(JSON.stringify(details));
  const { authentications, authenticators } = op.h.core;
  const app = (await authenticators.listFor(op.identityId, 'app')).find((a) => a.status === 'active');
  assert.ok(app);
  const created = await authentications.create({
    id: `box-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    clientId: details.client.id,
    serviceName: details.client.name,
    action: details.request.action,
    text: '',
    requestedLevel: details.request.level,
    requiresUv: false,
    kinds: ['app'],
    challenge: 'box-challenge',
    who: { identityId: op.identityId },
    channel: 'api',
  });
  const now = op.h.clock.now().getTime();
  assert.ok(
    await authentications.addProof(created, {
      proof: { authenticatorId: app.id, kind: 'app', factors: ['possession'], methods: ['app'], at: now },
      challenge: 'box-challenge',
      evidence: {},
      notifyEveryUse: false,
      ial: 'substantial',
    }),
  );
  const result = await authentications.consume(created.id, details.client.id, null);
  assert.ok(result);
  await mount.finishLogin(req, res, {
    identityId: op.identityId,
    authenticationId: created.id,
    result,
    authTime: now,
  });
}

/** A login through the stand-in box; its ID token. */
async function boxLogin(op: TestOp, config: client.Configuration): Promise<string> {
  const p = await authParams(op, { simulation: '' });
  const browser = new Browser();
  const page = await browser.follow(client.buildAuthorizationUrl(config, p.params));
  assert.ok('page' in page);
  await page.page.body?.cancel();
  const cb = await browser.callback(
    new URL(`${new URL(page.page.url).pathname}/stand-in?outcome=login`, op.base),
  );
  const tokens = await client.authorizationCodeGrant(config, cb, {
    pkceCodeVerifier: p.verifier,
    expectedState: p.state,
    expectedNonce: p.nonce,
  });
  return tokens.id_token as string;
}

test('without a box, the interaction page says in both languages that login is not available', async () => {
  const h = await startAppHarness({ oidcLogin: false });
  try {
    await registerLogin(
      h.app,
      {
        config: h.config,
        secrets: {
          cookieKey: 'a-cookie-key-for-this-test-0123456789',
          serverSecret: SERVER_SECRET,
          bankClientSecret: 'x',
        },
        db: h.database.db,
        clock: h.clock,
        random: cryptoRandom,
      },
      h.core,
      { dialects: dialectOf },
    );
    const da = await h.app.inject({ url: '/op/login/some-uid' });
    assert.equal(da.statusCode, 503);
    assert.match(da.body, /Login med MitID er ikke tilgængeligt her endnu/);
    const en = await h.app.inject({ url: '/idura/login/some-uid?lang=en' });
    assert.equal(en.statusCode, 503);
    assert.match(en.body, /Logging in with MitID is not available here yet/);
  } finally {
    await h.close();
  }
});
