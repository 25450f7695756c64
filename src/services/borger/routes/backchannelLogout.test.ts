/**
 * Borger's `POST /auth/backchannel-logout` (platform/oidc/backchannelLogout.ts), on both
 * databases: a provider's discovery and JWKS on a loopback port, logout tokens signed with jose.
 * A valid token ends every session of its sid and nothing else; each bad token (forged, another
 * audience or issuer, old, without the event, with a nonce, without sid or jti, replayed) is a
 * 400 and changes nothing: someone who knows only a sid cannot log anyone out.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase, postgresAvailable, type TestDatabase } from '../../../platform/db/testDb.ts';
import { SessionStore } from '../../../platform/http/session.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBorgerApp } from '../app.ts';
import { borgerMigrations } from '../db/migrations.ts';
import type { BorgerDb } from '../db/schema.ts';

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

async function provider(key: KeyObject): Promise<{ server: Server; origin: string }> {
  const jwk = { ...key.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  delete (jwk as Record<string, unknown>).d;
  for (const p of ['p', 'q', 'dp', 'dq', 'qi']) delete (jwk as Record<string, unknown>)[p];
  const server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}/idura`;
    if (req.url === '/idura/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/oauth2/authorize`,
          token_endpoint: `${issuer}/oauth2/token`,
          jwks_uri: `${issuer}/.well-known/jwks`,
        }),
      );
    } else if (req.url === '/idura/.well-known/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  describe(`Borger's back-channel logout (${dialect})`, async () => {
    const skip = dialect === 'postgres' && !(await postgresAvailable());
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const clock = new TestClock(new Date());
    let op: Awaited<ReturnType<typeof provider>>;
    let db: TestDatabase<BorgerDb>;
    let borger: FastifyInstance;
    let store: SessionStore;

    before(async () => {
      if (skip) return;
      op = await provider(key);
      db = await openTestDatabase<BorgerDb>(dialect, borgerMigrations);
      const config = loadConfig({
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'borger-bc-')),
        MITID_URL: op.origin,
        BORGER_URL: 'http://127.0.0.1:2',
      });
      borger = await buildBorgerApp({
        config,
        secrets: {
          cookieKey: 'borger-cookie-key-for-tests-0123456789',
          bankClientSecret: '',
          borgerClientSecret: 'borger-client-secret-for-tests-0123456789',
        },
        db: db.db,
        clock,
        random: cryptoRandom,
        logger: pino({ level: 'silent' }),
      });
      store = new SessionStore(db.db);
    });
    after(async () => {
      await borger?.close();
      await db?.close();
      op?.server.close();
    });

    const issuer = () => `${op.origin}/idura`;
    const token = (claims: Record<string, unknown>, opts: { key?: KeyObject; typ?: string | null } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const header: { alg: string; kid: string; typ?: string } = { alg: 'RS256', kid: 'k1' };
      if (opts.typ !== null) header.typ = opts.typ ?? 'logout+jwt';
      return new SignJWT({
        iss: issuer(),
        aud: 'borger',
        iat: now,
        exp: now + 120,
        jti: randomUUID(),
        sid: 'sid-1',
        events: { [EVENT]: {} },
        ...claims,
      })
        .setProtectedHeader(header)
        .sign(opts.key ?? key);
    };
    const post = (logoutToken?: string) =>
      borger.inject({
        method: 'POST',
        url: '/auth/backchannel-logout',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload:
          logoutToken === undefined ? '' : new URLSearchParams({ logout_token: logoutToken }).toString(),
      });
    const count = async (sid: string) =>
      (await db.db.selectFrom('sessions').select('id_hash').where('mitid_sid', '=', sid).execute()).length;
    const now = () => clock.now().getTime();

    test('a valid token ends every session of its sid, and no other; the same token again is refused', {
      skip,
    }, async () => {
      await store.put('a', { n: 1 }, now(), now() + 60_000, 'sid-1');
      await store.put('b', { n: 2 }, now(), now() + 60_000, 'sid-1');
      await store.put('c', { n: 3 }, now(), now() + 60_000, 'sid-2');
      const t = await token({});
      const res = await post(t);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await count('sid-1'), 0);
      assert.equal(await count('sid-2'), 1);
      // An update of a session keeps its sid (the sliding expiry does not drop it).
      await store.put('c', { n: 4 }, now(), now() + 60_000);
      assert.equal(await count('sid-2'), 1);
      await store.put('d', { n: 5 }, now(), now() + 60_000, 'sid-1');
      const again = await post(t);
      assert.equal(again.statusCode, 400);
      assert.match(again.json().error_description, /used before/);
      assert.equal(await count('sid-1'), 1, 'a replay changes nothing');
    });

    test('each bad token is a 400 with its reason, and changes nothing', { skip }, async () => {
      await store.put('victim', { n: 1 }, now(), now() + 60_000, 'sid-v');
      const old = Math.floor(Date.now() / 1000) - 600;
      const cases: [string, string | undefined, RegExp][] = [
        ['no token', undefined, /missing/],
        ['not a JWT', 'nope', /not valid/],
        ['signed by a stranger', await token({ sid: 'sid-v' }, { key: stranger }), /not valid/],
        ['another audience', await token({ sid: 'sid-v', aud: 'minbank' }), /not valid/],
        ['another issuer', await token({ sid: 'sid-v', iss: 'http://evil.example/idura' }), /not valid/],
        ['too old', await token({ sid: 'sid-v', iat: old, exp: old + 60 }), /not valid/],
        ['no typ', await token({ sid: 'sid-v' }, { typ: null }), /not valid/],
        ['an ID token', await token({ sid: 'sid-v' }, { typ: 'JWT' }), /not valid/],
        ['no event', await token({ sid: 'sid-v', events: {} }), /no back-channel logout event/],
        ['a nonce', await token({ sid: 'sid-v', nonce: 'n' }), /no nonce/],
        ['no sid', await token({ sid: undefined }), /no sid/],
        ['no jti', await token({ sid: 'sid-v', jti: undefined }), /no jti/],
      ];
      for (const [what, t, reason] of cases) {
        const res = await post(t);
        assert.equal(res.statusCode, 400, `${what}: ${res.body}`);
        assert.match(res.json().error_description, reason, what);
        assert.equal(await count('sid-v'), 1, `${what}: the session stays`);
      }
      assert.ok(!/\bat [\w.]+ \(/.test((await post('nope')).body), 'no stack trace');
    });
  });
}
