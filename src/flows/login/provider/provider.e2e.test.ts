/**
 * The two OpenID Connect providers end to end, on both databases: the real MitID service on a
 * loopback port, openid-client (an independent certified client) against it, the simulation
 * parameter for the login (no box needed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { discover, simulatedLogin, startTestOp, type TestClient, type TestOp } from './testOp.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const dialect of await dialectsUnderTest()) {
  describe(`OpenID Connect providers on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    before(async () => {
      op = await startTestOp(dialect);
      sg = await op.addClient({ id: 'sg-basic', dialect: 'signaturgruppen', permissions: ['oidc.login', 'oidc.cpr'] });
    });
    after(async () => op?.close());

    test('discovery and JWKS of both mounts', async () => {
      for (const [prefix, paths] of [
        ['/op', { authorization: '/op/connect/authorize', jwks: '/op/.well-known/openid-configuration/jwks', par: '/op/connect/par', end: '/op/connect/endsession' }],
        ['/idura', { authorization: '/idura/oauth2/authorize', jwks: '/idura/.well-known/jwks', par: '/idura/oauth2/par', end: '/idura/oauth2/logout' }],
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
        const jwks = (await (await fetch(`${op.base}${paths.jwks}`)).json()) as { keys: Record<string, unknown>[] };
        assert.deepEqual(jwks.keys.map((k) => k.alg).sort(), ['ES256', 'RS256']);
        for (const k of jwks.keys) {
          for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(k[secret], undefined, `no ${secret}`);
        }
      }
    });

    test('code + PKCE by the simulation: a pairwise sub, the login facts, userinfo', async () => {
      const config = await discover(op, '/op', sg);
      const { tokens } = await simulatedLogin(op, config, undefined, { scope: 'openid mitid ssn' });
      const claims = tokens.claims();
      assert.ok(claims);
      assert.match(claims.sub, UUID);
      assert.notEqual(claims.sub, op.identityId);
      // The app with PIN is high (aal); the person's identity is substantial, so the login is too.
      assert.equal(claims.acr, 'https://data.gov.dk/concept/core/nsis/substantial');
      assert.deepEqual(claims.amr, ['app', 'pin']);
      assert.equal(claims.idp, 'mitid');
      assert.equal(claims.aal, 'high');
      assert.equal(claims.loa, 'substantial');
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
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.equal(info['mitid.uuid'], op.identityId);
      assert.match(String(info['dk.cpr']), /^\d{10}$/);
    });
  });
}
