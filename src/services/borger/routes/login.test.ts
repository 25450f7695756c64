/**
 * Borger logs in with MitID as an OpenID Connect client in the Idura dialect. The broker here is a
 * real oidc-provider on a port (mounted at /idura like MitID's); Borger runs in-process and calls it
 * over HTTP, on both databases. What is shown: the authorization request, "Dine oplysninger" (the
 * CPR number masked but for its birth date), the logout at Borger and MitID, cookies of its own
 * (Min Bank may share the host), and the callback's failures as clear pages with no session.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import type { Secrets } from '../../../config/secrets.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase, postgresAvailable, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CookieJar, injectBrowser, startTestOp, type TestOp } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBorgerApp } from '../app.ts';
import { borgerMigrations } from '../db/migrations.ts';
import type { BorgerDb } from '../db/schema.ts';

const SECRET = 'borger-client-secret-for-tests-0123456789';
const UUID = '5b0c7e8e-1111-4222-8333-944445555666';
const borgerUrl = 'http://127.0.0.1:2';
// 1 June 2026: Anna, born 1 January 1990, is 36.
const clock = new TestClock(new Date('2026-06-01T10:00:00Z'));

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  describe(`Borger logs in with MitID (Idura dialect, ${dialect})`, async () => {
    const skip = dialect === 'postgres' && !(await postgresAvailable());
    let dataDir: string;
    let db: TestDatabase<BorgerDb>;
    let op: TestOp;
    let borger: FastifyInstance;

    const build = (mitidUrl: string, secret = SECRET): Promise<FastifyInstance> => {
      const config = loadConfig({ DATA_DIR: dataDir, MITID_URL: mitidUrl, BORGER_URL: borgerUrl });
      const secrets: Secrets = {
        cookieKey: 'borger-cookie-key-for-tests-0123456789',
        bankClientSecret: '',
        borgerClientSecret: secret,
      };
      const logger = pino({ level: 'silent' });
      return buildBorgerApp({ config, secrets, db: db.db, clock, random: cryptoRandom, logger });
    };

    before(async () => {
      if (skip) return;
      dataDir = mkdtempSync(path.join(tmpdir(), 'borger-'));
      op = await startTestOp([
        {
          prefix: '/idura',
          scopes: ['openid', 'ssn'],
          claims: { openid: ['sub', 'uuid', 'name', 'birthdate', 'age'], ssn: ['cprNumberIdentifier'] },
          clients: [
            {
              client_id: 'borger',
              client_secret: SECRET,
              token_endpoint_auth_method: 'client_secret_basic',
              redirect_uris: [`${borgerUrl}/auth/callback`],
              post_logout_redirect_uris: [`${borgerUrl}/`],
            },
          ],
        },
      ]);
      op.accounts.set('anna', {
        uuid: UUID,
        name: 'Anna Berg',
        birthdate: '1990-01-01',
        age: '36', // a string, as in Idura's payloads
        cprNumberIdentifier: '0101901234',
      });
      op.accounts.set('nils', { uuid: '5b0c7e8e-1111-4222-8333-000000000002', birthdate: '1980-12-24' });
      db = await openTestDatabase<BorgerDb>(dialect, borgerMigrations);
      borger = await build(op.origin);
    });

    after(async () => {
      await borger?.close();
      await op?.close();
      await db?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    const browser = (app: () => FastifyInstance = () => borger) => {
      const jar = new CookieJar();
      const b = injectBrowser(app);
      return {
        ...b,
        jar,
        async toCallback(account: string, lang = 'da'): Promise<string> {
          const start = await b.get(`/login?lang=${lang}`);
          assert.equal(start.statusCode, 302, start.body);
          op.next = account;
          const back = await jar.followWhile(String(start.headers.location), new URL(op.origin).host);
          assert.ok(back.startsWith(`${borgerUrl}/auth/callback?`), back);
          const u = new URL(back);
          return u.pathname + u.search;
        },
      };
    };
    const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

    test('the authorization request: acr_values, login_hint with action and message, ui_locales, scope, PKCE', {
      skip,
    }, async () => {
      const home = await browser().get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<h1>Velkommen til Borger<\/h1>/);
      assert.match(home.body, /href="\/login">Log på med MitID<\/a>/);
      const start = await browser().get('/login?lang=en');
      const url = new URL(String(start.headers.location));
      assert.equal(`${url.origin}${url.pathname}`, `${op.origin}/idura/auth`);
      const q = url.searchParams;
      assert.equal(q.get('client_id'), 'borger');
      assert.equal(q.get('scope'), 'openid ssn');
      assert.equal(q.get('acr_values'), 'urn:grn:authn:dk:mitid:substantial');
      assert.equal(q.get('ui_locales'), 'en');
      const [action, message] = (q.get('login_hint') ?? '').split(' ');
      assert.equal(action, 'action:login');
      assert.equal(
        Buffer.from((message ?? '').replace(/^message:/, ''), 'base64').toString('utf8'),
        'Log on to Borger',
      );
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.ok(q.get('state') && q.get('nonce') && q.get('code_challenge'));
      const da = new URL(String((await browser().get('/login')).headers.location)).searchParams;
      assert.equal(
        Buffer.from((da.get('login_hint') ?? '').split('message:')[1] ?? '', 'base64').toString('utf8'),
        'Log på Borger',
      );
    });

    test('after the login: "Dine oplysninger" with the CPR number masked; then Log ud at Borger and MitID', {
      skip,
    }, async () => {
      const b = browser();
      const res = await b.get(await b.toCallback('anna'));
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, '/oplysninger');
      const me = await b.get('/oplysninger');
      assert.equal(me.statusCode, 200);
      assert.match(me.body, /<h1>Dine oplysninger<\/h1>/);
      assert.match(me.body, /<dd>Anna Berg<\/dd>/);
      assert.match(me.body, /<dd>1\. januar 1990<\/dd>/);
      assert.match(me.body, /<dd>36 år<\/dd>/);
      assert.match(me.body, new RegExp(`<code>${UUID}</code>`));
      assert.match(me.body, /010190-\*\*\*\*/);
      assert.doesNotMatch(me.body, /0101901234|1234/, 'never the whole CPR number');
      const en = await b.get('/oplysninger?lang=en');
      assert.match(en.body, /<h1>Your details<\/h1>/);
      assert.match(en.body, /<dd>1 January 1990<\/dd>/);
      // Its own cookie names: Min Bank on the same host (another port) sees other cookies.
      const names = Object.keys(b.cookies).sort();
      assert.ok(
        names.every((n) => n.startsWith('borger_')),
        names.join(', '),
      );

      const out = await b.post('/logout', { _csrf: csrfOf(me.body) });
      assert.equal(out.statusCode, 303);
      const end = new URL(String(out.headers.location));
      assert.equal(`${end.origin}${end.pathname}`, `${op.origin}/idura/session/end`);
      assert.ok(end.searchParams.get('id_token_hint'));
      assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${borgerUrl}/`);
      assert.equal((await b.jar.get(end.href)).status, 200, 'the broker takes the logout');
      assert.equal((await b.get('/oplysninger')).headers.location, '/', 'the session is over');
    });

    test('what the broker did not give shows as "Ikke oplyst"; the age is reckoned from the birth date', {
      skip,
    }, async () => {
      const b = browser();
      await b.get(await b.toCallback('nils'));
      const me = await b.get('/oplysninger');
      assert.match(me.body, /<dt>Navn<\/dt><dd>Ikke oplyst<\/dd>/);
      assert.match(me.body, /<dd>45 år<\/dd>/);
      assert.match(me.body, /<dt>CPR-nummer<\/dt><dd>Ikke oplyst<\/dd>/);
    });

    test('without a session, "Dine oplysninger" leads to the front page', { skip }, async () => {
      const res = await browser().get('/oplysninger');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/');
    });

    test('the callback replayed in another browser, or again, gets nothing', { skip }, async () => {
      const a = browser();
      const callback = await a.toCallback('anna');
      const other = browser();
      const res = await other.get(callback);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Dette login blev ikke startet i denne browser/);
      assert.equal(other.cookies.borger_sid, undefined);
      assert.equal((await a.get(callback)).statusCode, 302, 'the browser that started it logs in');
      assert.equal((await a.get(callback)).statusCode, 400, 'once');
    });

    test('the person cancels: "Du afbrød login" with Prøv igen, no session', { skip }, async () => {
      const b = browser();
      const res = await b.get(await b.toCallback('cancel'));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Du afbrød login/);
      assert.match(res.body, /href="\/login">Prøv igen<\/a>/);
      assert.equal(b.cookies.borger_sid, undefined);
    });

    test('a wrong client secret or an unreachable broker: a clear page, never a stack trace', {
      skip,
    }, async () => {
      const wrong = await build(op.origin, 'a-wrong-client-secret-0123456789abcdef');
      const down = await build('http://127.0.0.1:9');
      try {
        const b = browser(() => wrong);
        const res = await b.get(await b.toCallback('anna'));
        assert.equal(res.statusCode, 502);
        assert.match(res.body, /Vi kunne ikke logge dig på med MitID lige nu/);
        assert.doesNotMatch(res.body, /at .*\.ts:\d+|Error:/);
        assert.equal(b.cookies.borger_sid, undefined);
        const unreachable = await down.inject({ url: '/login' });
        assert.equal(unreachable.statusCode, 503);
        assert.match(unreachable.body, /Vi kunne ikke logge dig på med MitID lige nu/);
      } finally {
        await wrong.close();
        await down.close();
      }
    });
  });
}
