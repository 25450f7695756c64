/**
 * FÅ MITID NU vouches for the customer at MitID, so only the bank's own form may press it: a GET
 * (a link, an image, a prefetch) and a POST without the session's CSRF token change nothing, here
 * or at MitID. And the logout ends, at MitID, the wizard it handed over. Min Bank in-process, the
 * real MitID service on a port (the bank calls it over HTTP), one frozen clock.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import type { Secrets } from '../../../config/secrets.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { PeopleStore } from '../../../core/people/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { SessionStore } from '../../../platform/http/session.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildMitidApp } from '../../../roots/mitid/app.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import { buildBankApp } from '../app.ts';
import { BANK_SESSION_TTL_MS, type BankSession } from '../bankSession.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';

const CPR = '0101901234';
const clock = new TestClock();
const secrets: Secrets = {
  cookieKey: 'mitid-cookie-key-for-tests-0123456789',
  serverSecret: 'mitid-server-secret-for-tests-0123456789',
  bankClientSecret: 'bank-client-secret-for-tests-0123456789',
};
let dataDir: string;
let mitidDb: TestDatabase<MitidDb>;
let bankDb: TestDatabase<BankDb>;
let mitid: FastifyInstance;
let bank: FastifyInstance;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'bank-getmitid-'));
  const port = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    MITID_URL: `http://127.0.0.1:${port}`,
    BANK_URL: 'http://127.0.0.1:1',
  });
  mitidDb = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  bankDb = await openTestDatabase<BankDb>('sqlite', bankMigrations);
  await new PeopleStore(mitidDb.db).create(clock, {
    cpr: CPR,
    givenName: 'Anna',
    familyName: 'Berg',
    street: 'Vestergade 12',
    postalCode: '1456',
    city: 'København K',
    municipalityCode: '101',
  });
  const now = clock.now().getTime();
  await new CustomerStore(bankDb.db).create(
    {
      cpr: CPR,
      name: 'Anna Berg',
      mitidTurnAt: now - 1,
      mitidDeadlineAt: now + 30 * 86_400_000,
      accounts: [],
    },
    now,
    () => cryptoRandom.token(8),
  );
  const logger = pino({ level: 'silent' });
  const deps = { config, secrets, clock, random: cryptoRandom, logger };
  mitid = await buildMitidApp({ ...deps, db: mitidDb.db });
  await mitid.listen({ host: '127.0.0.1', port });
  bank = await buildBankApp({ ...deps, db: bankDb.db });
});

after(async () => {
  await bank?.close();
  await mitid?.close();
  await bankDb?.close();
  await mitidDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A logged-in customer's browser at the bank: the session cookie and whatever the bank sets. */
async function loggedIn(): Promise<{
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
}> {
  const id = cryptoRandom.token(32);
  const now = clock.now().getTime();
  const session: BankSession = {
    cpr: CPR,
    name: 'Anna Berg',
    loggedInAt: now,
    method: 'nemid-keycard',
    mitidLater: false,
  };
  await new SessionStore(bankDb.db).put(id, session, now, now + BANK_SESSION_TTL_MS);
  const cookies: Record<string, string> = { minbank_sid: bank.signCookie(id) };
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string }[]) cookies[c.name] = c.value;
    return res;
  };
  return {
    get: async (url) => keep(await bank.inject({ method: 'GET', url, cookies })),
    post: async (url, form) =>
      keep(
        await bank.inject({
          method: 'POST',
          url,
          cookies,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
  };
}

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const enrollments = () => mitidDb.db.selectFrom('enrollments').selectAll().execute();

test('a GET or a POST without the CSRF token starts nothing, at the bank or at MitID', async () => {
  const customer = await loggedIn();
  // The forged requests reach the bank with the customer's session: the overview shows her banner.
  const overview = await customer.get('/oversigt');
  assert.equal(overview.statusCode, 200);
  assert.match(overview.body, /Nu er det din tur til at få MitID/);
  assert.match(overview.body, /<form method="post" action="\/mitid\/start">/, 'FÅ MITID NU is a form');

  // What an <img src> or a link on another page does: a page with the button, nothing started.
  const page = await customer.get('/mitid/start');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /FÅ MITID NU/);
  assert.equal(page.headers.location, undefined);
  // A cross-site form: no token, or a token that is not this session's.
  const noToken = await customer.post('/mitid/start', {});
  assert.equal(noToken.statusCode, 403);
  const wrongToken = await customer.post('/mitid/start', { _csrf: 'forged-token' });
  assert.equal(wrongToken.statusCode, 403);
  assert.deepEqual(await enrollments(), [], 'MitID was never asked to start an enrollment');

  // The bank's own form does it.
  const pressed = await customer.post('/mitid/start', { _csrf: csrfOf(page.body) });
  assert.equal(pressed.statusCode, 303);
  assert.match(String(pressed.headers.location), /\/tilmelding\/overtag\?ticket=/);
  assert.equal((await enrollments()).length, 1);
});

test('the logout ends, at MitID, the wizard FÅ MITID NU handed over in that session', async () => {
  const customer = await loggedIn();
  const page = await customer.get('/mitid/start');
  const pressed = await customer.post('/mitid/start', { _csrf: csrfOf(page.body) });
  const ticketUrl = new URL(String(pressed.headers.location));
  // The browser takes the hand-over at MitID.
  const taken = await mitid.inject({ url: ticketUrl.pathname + ticketUrl.search });
  assert.equal(taken.statusCode, 303);
  const wizard = String(taken.headers.location);
  const binding = (taken.cookies as { name: string; value: string }[]).find((c) => c.name === 'mitid_enroll');
  const wizardCookies = { mitid_enroll: binding?.value ?? '' };
  assert.equal((await mitid.inject({ url: wizard, cookies: wizardCookies })).statusCode, 200);

  const overview = await customer.get('/oversigt');
  const out = await customer.post('/logout', { _csrf: csrfOf(overview.body) });
  assert.equal(out.statusCode, 303);
  // The next person at this browser opens the wizard: it asks for the person again.
  const after = await mitid.inject({ url: wizard, cookies: wizardCookies });
  assert.equal(after.statusCode, 403);
  assert.match(after.body, /Log på igen for at fortsætte/);
  const [row] = await enrollments();
  assert.equal(row?.open, 1, 'the enrollment itself stays, to resume');
});
