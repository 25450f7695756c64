/**
 * Min Bank's "Kortoplysninger" (cardDetails.ts), the step-up demo: the card is shown only after a
 * MitID login at level High (the token's `loa`); after a substantial login the page asks MitID
 * again with prompt=login, loa_value=high, enable_step_up and the session's uuid_hint, and the
 * callback comes back to the page. The broker here is a real oidc-provider on a port that gives
 * the `loa` the test names (MitID's own step-up is sessions.e2e.test.ts and the browser test).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { TestClock } from '../../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CookieJar, injectBrowser, startTestOp, type TestOp } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBankApp } from '../app.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';

const CPR = '0101901234';
const UUID = '7c6f0f3a-0000-4000-8000-000000000001';
const SECRET = 'bank-client-secret-for-tests-0123456789';
const NSIS = 'https://data.gov.dk/concept/core/nsis/';
const bankUrl = 'http://127.0.0.1:1';
let dataDir: string;
let bankDb: TestDatabase<BankDb>;
let op: TestOp;
let bank: FastifyInstance;

/** The level the broker's next token gives Anna (the same account: a step-up is the same person). */
function reach(level: 'Substantial' | 'High'): void {
  op.accounts.set('anna', {
    'mitid.uuid': UUID,
    'mitid.identity_name': 'Anna Berg',
    'dk.cpr': CPR,
    loa: `${NSIS}${level}`,
  });
}

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'bank-cards-'));
  op = await startTestOp([
    {
      prefix: '/op',
      scopes: ['openid', 'mitid', 'ssn'],
      claims: { openid: ['sub', 'loa'], mitid: ['mitid.uuid', 'mitid.identity_name'], ssn: ['dk.cpr'] },
      clients: [
        {
          client_id: 'minbank',
          client_secret: SECRET,
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: [`${bankUrl}/auth/mitid/callback`],
          post_logout_redirect_uris: [`${bankUrl}/`],
        },
      ],
    },
  ]);
  reach('Substantial');
  bankDb = await openTestDatabase<BankDb>('sqlite', bankMigrations);
  const clock = new TestClock();
  const now = clock.now().getTime();
  await new CustomerStore(bankDb.db).create(
    { cpr: CPR, name: 'Anna Berg', mitidTurnAt: null, mitidDeadlineAt: null, accounts: [] },
    now,
    () => cryptoRandom.token(8),
  );
  // Anna's MitID is linked already (her first MitID login's CPR match is mitidLogin.test.ts').
  assert.ok(await new CustomerStore(bankDb.db).linkMitidUuid(CPR, UUID));
  const config = loadConfig({ DATA_DIR: dataDir, MITID_URL: op.origin, BANK_URL: bankUrl });
  bank = await buildBankApp({
    config,
    secrets: { cookieKey: 'bank-cookie-key-for-tests-0123456789', bankClientSecret: SECRET },
    db: bankDb.db,
    clock,
    random: cryptoRandom,
    logger: pino({ level: 'silent' }),
  });
});

after(async () => {
  await bank?.close();
  await op?.close();
  await bankDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function browser() {
  const jar = new CookieJar();
  const b = injectBrowser(() => bank);
  /** From a bank URL that redirects to MitID, through the broker, to the bank's callback (path and query). */
  const viaMitid = async (
    start: string,
    level: 'Substantial' | 'High',
  ): Promise<{ callback: string; authorize: URL }> => {
    const res = await b.get(start);
    assert.equal(res.statusCode, 302, res.body);
    op.next = 'anna';
    reach(level);
    const authorize = new URL(String(res.headers.location));
    const back = new URL(await jar.followWhile(authorize.href, new URL(op.origin).host));
    return { callback: back.pathname + back.search, authorize };
  };
  return { ...b, viaMitid };
}

describe('Min Bank: card details need MitID at level High (step-up)', () => {
  test('not logged in: to the front page', async () => {
    assert.equal((await browser().get('/kort')).headers.location, '/');
  });

  test('after a substantial login the page asks again; a High step-up shows the card', async () => {
    const b = browser();
    const login = await b.viaMitid('/login/mitid', 'Substantial');
    assert.equal((await b.get(login.callback)).headers.location, '/oversigt');
    const overview = await b.get('/oversigt');
    assert.match(overview.body, /href="\/kort">Kortoplysninger</);

    const asked = await b.get('/kort');
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /kræver MitID på sikringsniveau Høj/);
    assert.match(asked.body, /href="\/kort\/mitid">Bekræft med MitID/);
    assert.doesNotMatch(asked.body, /id="card-number"/, 'no card before High');

    const step = await b.viaMitid('/kort/mitid', 'High');
    const q = step.authorize.searchParams;
    assert.equal(q.get('prompt'), 'login');
    const mitid = (JSON.parse(q.get('idp_params') ?? '{}') as { mitid: Record<string, unknown> }).mitid;
    assert.equal(mitid.loa_value, 'high');
    assert.equal(mitid.enable_step_up, true);
    assert.equal(mitid.uuid_hint, UUID, "the session's person");
    const back = await b.get(step.callback);
    assert.equal(back.headers.location, '/kort', 'back at the page that asked');
    const shown = await b.get('/kort');
    assert.match(shown.body, /id="card-number">4571 00\d\d \d{4} \d{4}</);
    assert.match(shown.body, /Anna Berg/);
  });

  test('a step-up that comes back below High: the page says so, and shows no card', async () => {
    const b = browser();
    const login = await b.viaMitid('/login/mitid', 'Substantial');
    await b.get(login.callback);
    const step = await b.viaMitid('/kort/mitid', 'Substantial');
    const back = await b.get(step.callback);
    assert.equal(back.headers.location, '/kort?niveau=lavt');
    const page = await b.get('/kort?niveau=lavt');
    assert.match(page.body, /nåede ikke sikringsniveau Høj/);
    assert.doesNotMatch(page.body, /id="card-number"/);
    // A later ordinary login goes to the overview (the page's return was used up).
    const again = await b.viaMitid('/login/mitid', 'High');
    assert.equal((await b.get(again.callback)).headers.location, '/oversigt');
  });
});
