/**
 * End to end through the real MitID service: Min Bank (Signaturgruppen dialect, /op) and Borger
 * (Idura dialect, /idura) log in a person who has MitID, with the broker's simulation parameter
 * (`simulation=no-ui uuid:<uuid>`, accepted from test clients with OIDC_SIMULATION=on) added to the
 * service's own authorization request the way a service's browser test would: the service's state,
 * nonce, PKCE, scopes, reference text and level are untouched, and the tokens are a real login's.
 * And Min Bank the way a person logs in: the login box (user-ID, the typed code), the person's app
 * (the channel proof, the request with the bank's reference text, approve with the PIN or reject).
 * Min Bank is a private service: its first MitID login asks MitID again for the CPR number, which
 * the person types in the box's CPR page (the CPR match), and links the customer to the uuid.
 * MitID on a loopback port (the app harness: buildMitidApp on a fresh database), the two services
 * in-process calling it over HTTP; both databases.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { ClientAdmin, deriveClientSecretKey } from '../../../core/clients/index.ts';
import {
  type AppHarness,
  SERVER_SECRET,
  SERVICE_SECRET,
  startAppHarness,
} from '../../../kinds/app/testing/index.ts';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CookieJar, injectBrowser } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBorgerApp } from '../../borger/app.ts';
import { borgerMigrations } from '../../borger/db/migrations.ts';
import type { BorgerDb } from '../../borger/db/schema.ts';
import { buildBankApp } from '../app.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

for (const dialect of await dialectsUnderTest()) {
  describe(`Min Bank and Borger log in through the real MitID service (${dialect})`, () => {
    const bankUrl = 'http://127.0.0.1:3901';
    const borgerUrl = 'http://127.0.0.1:3902';
    let mitidUrl: string;
    let h: AppHarness;
    let bankDb: TestDatabase<BankDb>;
    let borgerDb: TestDatabase<BorgerDb>;
    let bank: FastifyInstance;
    let borger: FastifyInstance;
    let dataDir: string;
    let person: { cpr: string; identityId: string; userId: string };
    let device: Awaited<ReturnType<AppHarness['activatedPerson']>>['device'];

    before(async () => {
      const port = await freePort();
      mitidUrl = `http://localhost:${port}`;
      const env = { MITID_URL: mitidUrl, BANK_URL: bankUrl, BORGER_URL: borgerUrl, OIDC_SIMULATION: 'on' };
      h = await startAppHarness({ dialect, env });
      // oidc-provider and openid-client use the real time: the service's clock stands at it.
      h.clock.advance(Date.now() - h.clock.now().getTime());
      await h.app.listen({ host: 'localhost', port });
      ({ person, device } = await h.activatedPerson());
      // The two demo clients as test clients (what a service's CI would register), and Borger's secret.
      await h.database.db
        .updateTable('clients')
        .set({ test_client: 1 })
        .where('id', 'in', ['minbank', 'borger'])
        .execute();
      const admin = new ClientAdmin({
        db: h.database.db,
        clock: h.clock,
        random: cryptoRandom,
        key: deriveClientSecretKey(SERVER_SECRET),
      });
      const borgerSecret = (await admin.addSecret('borger')).secret;
      await h.core.clients.reload();

      dataDir = mkdtempSync(path.join(tmpdir(), 'services-e2e-'));
      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      const logger = pino({ level: 'silent' });
      const common = { config, clock: h.clock, random: cryptoRandom, logger };
      bankDb = await openTestDatabase<BankDb>(dialect, bankMigrations);
      const now = h.clock.now().getTime();
      await new CustomerStore(bankDb.db).create(
        {
          cpr: person.cpr,
          name: 'Jonas Jensen',
          mitidTurnAt: now,
          mitidDeadlineAt: now + 86_400_000,
          accounts: [],
        },
        now,
        () => cryptoRandom.token(8),
      );
      bank = await buildBankApp({
        ...common,
        db: bankDb.db,
        secrets: { cookieKey: 'bank-cookie-key-for-tests-0123456789', bankClientSecret: SERVICE_SECRET },
      });
      borgerDb = await openTestDatabase<BorgerDb>(dialect, borgerMigrations);
      borger = await buildBorgerApp({
        ...common,
        db: borgerDb.db,
        secrets: {
          cookieKey: 'borger-cookie-key-for-tests-0123456789',
          bankClientSecret: '',
          borgerClientSecret: borgerSecret,
        },
      });
    });

    after(async () => {
      await bank?.close();
      await borger?.close();
      await bankDb?.close();
      await borgerDb?.close();
      await h?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    /** The service's own authorization request, with the simulation added, to its callback. */
    async function simulatedLogin(
      service: ReturnType<typeof injectBrowser>,
      jar: CookieJar,
      startPath: string,
    ): Promise<string> {
      const start = await service.get(startPath);
      assert.equal(start.statusCode, 302, start.body);
      const authorize = new URL(String(start.headers.location));
      assert.ok(authorize.href.startsWith(`${mitidUrl}/`), authorize.href);
      authorize.searchParams.set('simulation', `no-ui uuid:${person.identityId}`);
      const back = new URL(await jar.followWhile(authorize.href, new URL(mitidUrl).host));
      return back.pathname + back.search;
    }

    /**
     * The bank's second round of a first MitID login: MitID (its session reused) shows only the
     * CPR page; the person types their CPR number; back at the bank's callback.
     */
    async function typeCprInBox(jar: CookieJar, authorize: string, cpr: string): Promise<string> {
      assert.equal(new URL(authorize).searchParams.get('scope'), 'openid mitid ssn');
      const stopped = await jar
        .followWhile(authorize, new URL(mitidUrl).host)
        .catch((err: Error) => err.message);
      const box = /^(\S+) answered 200/.exec(stopped)?.[1];
      assert.ok(box, stopped);
      const page = await (await jar.get(box)).text();
      assert.match(page, /Bekræft dit CPR-nummer/);
      assert.doesNotMatch(page, /name="userId"/, 'no new login: only the CPR');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const typed = await jar.fetch(box, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` }),
      });
      assert.equal(typed.status, 303, await typed.clone().text());
      const back = new URL(
        await jar.followWhile(
          new URL(String(typed.headers.get('location')), box).href,
          new URL(mitidUrl).host,
        ),
      );
      assert.equal(back.origin, bankUrl, back.href);
      return back.pathname + back.search;
    }

    test('Min Bank: the first MitID login asks for the CPR number, links the uuid; the overview, then Log af', async () => {
      const b = injectBrowser(() => bank);
      const jar = new CookieJar();
      const callback = await simulatedLogin(b, jar, '/login/mitid');
      assert.match(callback, /^\/auth\/mitid\/callback\?code=/);
      // A private service: the uuid is not known yet, so the bank asks MitID again with ssn.
      const first = await b.get(callback);
      assert.equal(first.statusCode, 302, first.body);
      const res = await b.get(await typeCprInBox(jar, String(first.headers.location), person.cpr));
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, '/oversigt');
      const linked = await bankDb.db
        .selectFrom('customers')
        .select('mitid_uuid')
        .where('cpr', '=', person.cpr)
        .executeTakeFirstOrThrow();
      assert.equal(linked.mitid_uuid, person.identityId, 'the customer is linked to the MitID uuid');
      const overview = await b.get('/oversigt');
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /Velkommen, Jonas Jensen/);
      assert.doesNotMatch(overview.body, /Nu er det din tur til at få MitID/);
      // MitID recorded the login as the bank asked for it: the client and the reference text.
      const row = await h.database.db
        .selectFrom('authentications')
        .selectAll()
        .where('client_id', '=', 'minbank')
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'approved');
      assert.equal(row.text, 'Log på Min Bank');

      const csrf = /name="_csrf" value="([^"]+)"/.exec(overview.body)?.[1] ?? '';
      const out = await b.post('/logout', { _csrf: csrf });
      assert.equal(out.statusCode, 303);
      const end = new URL(String(out.headers.location));
      assert.equal(`${end.origin}${end.pathname}`, `${mitidUrl}/op/connect/endsession`);
      assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${bankUrl}/`);
      const confirm = await jar.get(end.href);
      assert.equal(confirm.status, 200, 'MitID takes the id_token_hint and the post-logout URI');
      assert.equal((await b.get('/oversigt')).headers.location, '/');
    });

    /** Log på med MitID at Min Bank through the box: the user-ID, the typed code in the app, the app's decision. */
    async function boxLogin(decision: 'approve' | 'reject') {
      const b = injectBrowser(() => bank);
      const jar = new CookieJar();
      const start = await b.get('/login/mitid');
      const boxUrl = await jar
        .followWhile(String(start.headers.location), new URL(mitidUrl).host)
        .catch((err: Error) => err.message);
      // The box answers with its page (no redirect): followWhile reports where it stopped.
      const box = /^(\S+) answered 200/.exec(boxUrl)?.[1];
      assert.ok(box, boxUrl);
      const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const post = (url: string, fields: Record<string, string>) =>
        jar.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        });
      const first = await (await jar.get(box)).text();
      assert.match(first, /Log på hos Min Bank/);
      assert.equal((await post(box, { _csrf: csrfOf(first), userId: person.userId })).status, 303);
      const waiting = await (await jar.get(box)).text();
      const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting)?.[1]?.replace(/\s/g, '') ?? '';
      assert.match(code, /^\d{6}$/, 'the box shows the typed code');
      assert.equal((await device.signed('POST', '/channel', { code })).statusCode, 200);
      const [tx] = await device.pending();
      assert.ok(tx, 'the request reaches the app once the code is proved');
      assert.equal(tx.serviceName, 'Min Bank');
      assert.equal(tx.text, 'Log på Min Bank', "the bank's reference text in the app");
      assert.equal((await device.decide(tx, decision)).statusCode, 200);
      const decided = await (await jar.get(box)).text();
      // Approved: the box finishes the login; rejected: "Tilbage til Min Bank" ends it as refused.
      const finish = decision === 'approve' ? 'done' : 'cancel';
      const action = new RegExp(`<form method="post" action="([^"]*/${finish}[^"]*)"`).exec(decided)?.[1];
      assert.ok(action, `the box offers ${finish}`);
      if (decision === 'approve') assert.match(decided, /Tekst fra Min Bank<\/h2>\s*<p>Log på Min Bank<\/p>/);
      const done = await post(new URL(action.replaceAll('&amp;', '&'), box).href, { _csrf: csrfOf(decided) });
      assert.equal(done.status, 303, await done.clone().text());
      const back = new URL(
        await jar.followWhile(
          new URL(String(done.headers.get('location')), box).href,
          new URL(mitidUrl).host,
        ),
      );
      assert.equal(back.origin, bankUrl, back.href);
      return { b, res: await b.get(back.pathname + back.search) };
    }

    // The customer is linked now (the first test): later logins find them by the uuid, one round.
    test('Min Bank through the login box and the app: user-ID, the typed code, approve with the PIN', async () => {
      const { b, res } = await boxLogin('approve');
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, '/oversigt');
      assert.match((await b.get('/oversigt')).body, /Velkommen, Jonas Jensen/);
    });

    test('Min Bank through the login box: the person rejects in the app, "Du afbrød login", no session', async () => {
      const { b, res } = await boxLogin('reject');
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Du afbrød login/);
      assert.equal(b.cookies.minbank_sid, undefined);
    });

    test('Borger: Log på med MitID, Dine oplysninger with the CPR number masked, then Log ud', async () => {
      const b = injectBrowser(() => borger);
      const jar = new CookieJar();
      const callback = await simulatedLogin(b, jar, '/login');
      assert.match(callback, /^\/auth\/callback\?code=/);
      const res = await b.get(callback);
      assert.equal(res.statusCode, 302, res.body);
      const me = await b.get('/oplysninger');
      assert.equal(me.statusCode, 200);
      assert.match(me.body, /<dd>Jonas Jensen<\/dd>/);
      assert.match(me.body, new RegExp(`<code>${person.identityId}</code>`), 'the MitID uuid');
      assert.match(me.body, new RegExp(`${person.cpr.slice(0, 6)}-\\*\\*\\*\\*`));
      assert.doesNotMatch(me.body, new RegExp(person.cpr), 'never the whole CPR number');
      assert.match(me.body, /<dd>15\. maj 1983<\/dd>/);
      assert.match(me.body, /<dd>\d+ år<\/dd>/);
      const row = await h.database.db
        .selectFrom('authentications')
        .selectAll()
        .where('client_id', '=', 'borger')
        .executeTakeFirstOrThrow();
      assert.equal(row.text, 'Log på Borger');

      const csrf = /name="_csrf" value="([^"]+)"/.exec(me.body)?.[1] ?? '';
      const out = await b.post('/logout', { _csrf: csrf });
      const end = new URL(String(out.headers.location));
      assert.equal(`${end.origin}${end.pathname}`, `${mitidUrl}/idura/oauth2/logout`);
      assert.equal((await jar.get(end.href)).status, 200);
      assert.equal((await b.get('/oplysninger')).headers.location, '/');
    });
  });
}
