/**
 * End to end through the real MitID service: Min Bank (Signaturgruppen dialect, /op) and Borger
 * (Idura dialect, /idura) log in a person who has MitID, with the broker's simulation parameter
 * (`simulation=no-ui uuid:<uuid>`, accepted from test clients with OIDC_SIMULATION=on) added to the
 * service's own authorization request the way a service's browser test would: the service's state,
 * nonce, PKCE, scopes, reference text and level are untouched, and the tokens are a real login's.
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
    let person: { cpr: string; identityId: string };

    before(async () => {
      const port = await freePort();
      mitidUrl = `http://localhost:${port}`;
      const env = { MITID_URL: mitidUrl, BANK_URL: bankUrl, BORGER_URL: borgerUrl, OIDC_SIMULATION: 'on' };
      h = await startAppHarness({ dialect, env });
      // oidc-provider and openid-client use the real time: the service's clock stands at it.
      h.clock.advance(Date.now() - h.clock.now().getTime());
      await h.app.listen({ host: 'localhost', port });
      ({ person } = await h.activatedPerson());
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

    test('Min Bank: Log på med MitID, the overview, then Log af at the bank and MitID', async () => {
      const b = injectBrowser(() => bank);
      const jar = new CookieJar();
      const callback = await simulatedLogin(b, jar, '/login/mitid');
      assert.match(callback, /^\/auth\/mitid\/callback\?code=/);
      const res = await b.get(callback);
      assert.equal(res.statusCode, 302, res.body);
      assert.equal(res.headers.location, '/oversigt');
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
