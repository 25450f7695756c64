/**
 * Min Bank logs in with MitID as an ordinary OpenID Connect client (Signaturgruppen dialect). The
 * broker here is a real oidc-provider on a port (MitID's own broker has its own tests, and the
 * end-to-end test through it is mitidLogin.e2e.test.ts); the bank runs in-process and calls it over
 * HTTP. What is shown: the authorization request the bank sends, a customer's login and logout
 * (ending the MitID session too), and every failure of the callback as a clear page with no
 * session: a cancel, a callback replayed in another browser or a second time, a forged state, a
 * refused or broken exchange, a person who is not a customer, a broker that cannot be reached.
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
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CookieJar, injectBrowser, startTestOp, type TestOp } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBankApp } from '../app.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';

const CPR = '0101901234';
const BO_CPR = '0303701234';
const SECRET = 'bank-client-secret-for-tests-0123456789';
const clock = new TestClock();
const logs: string[] = [];
let dataDir: string;
let bankDb: TestDatabase<BankDb>;
let op: TestOp;
let bank: FastifyInstance;
const bankUrl = 'http://127.0.0.1:1';

async function buildBank(mitidUrl: string, clientSecret = SECRET): Promise<FastifyInstance> {
  const config = loadConfig({ DATA_DIR: dataDir, MITID_URL: mitidUrl, BANK_URL: bankUrl });
  const secrets: Secrets = {
    cookieKey: 'bank-cookie-key-for-tests-0123456789',
    bankClientSecret: clientSecret,
  };
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  return buildBankApp({ config, secrets, db: bankDb.db, clock, random: cryptoRandom, logger });
}

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'bank-mitid-'));
  op = await startTestOp([
    {
      prefix: '/op',
      scopes: ['openid', 'mitid', 'ssn'],
      claims: { mitid: ['mitid.uuid', 'mitid.identity_name'], ssn: ['dk.cpr'] },
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
  op.accounts.set('anna', {
    'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000001',
    'mitid.identity_name': 'Anna Berg',
    'dk.cpr': CPR,
  });
  op.accounts.set('stranger', {
    'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000002',
    'dk.cpr': '0202801111',
  });
  op.accounts.set('nocpr', { 'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000003' });
  // Bo is a customer whose first MitID login ends in too many wrong CPR numbers.
  op.accounts.set('bo', { 'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000004', 'dk.cpr': BO_CPR });
  // Another MitID with Anna's CPR number (after she is linked): not hers to take.
  op.accounts.set('anna-other', { 'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000005', 'dk.cpr': CPR });
  bankDb = await openTestDatabase<BankDb>('sqlite', bankMigrations);
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
  await new CustomerStore(bankDb.db).create(
    {
      cpr: BO_CPR,
      name: 'Bo Holm',
      mitidTurnAt: now - 1,
      mitidDeadlineAt: now + 30 * 86_400_000,
      accounts: [],
    },
    now,
    () => cryptoRandom.token(8),
  );
  bank = await buildBank(`${op.origin}`);
});

after(async () => {
  await bank?.close();
  await op?.close();
  await bankDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser at the bank (inject) and at the broker (fetch), each with its cookies. */
function browser(app: () => FastifyInstance = () => bank) {
  const jar = new CookieJar();
  return {
    ...injectBrowser(app),
    jar,
    /** Log på med MitID up to the broker's redirect back: the callback URL (path and query). */
    async toCallback(account: string): Promise<string> {
      const start = await this.get('/login/mitid');
      assert.equal(start.statusCode, 302, start.body);
      op.next = account;
      const back = await jar.followWhile(String(start.headers.location), new URL(op.origin).host);
      assert.ok(back.startsWith(`${bankUrl}/auth/mitid/callback?`), back);
      const u = new URL(back);
      return u.pathname + u.search;
    },
    /**
     * The callback, and when the bank asks MitID again for the CPR number (a first MitID login),
     * that round too (`then`: the account of the second round); the bank's last answer.
     */
    async callbackThrough(callback: string, then?: string) {
      const res = await this.get(callback);
      const location = String(res.headers.location ?? '');
      if (res.statusCode !== 302 || !location.startsWith(op.origin)) return { res, asked: false };
      assert.equal(new URL(location).searchParams.get('scope'), 'openid mitid ssn', 'asked again with ssn');
      if (then) op.next = then;
      const back = await jar.followWhile(location, new URL(op.origin).host);
      const u = new URL(back);
      return { res: await this.get(u.pathname + u.search), asked: true };
    },
  };
}

const uuidOfCustomer = async (cpr: string) =>
  (
    await bankDb.db
      .selectFrom('customers')
      .select('mitid_uuid')
      .where('cpr', '=', cpr)
      .executeTakeFirstOrThrow()
  ).mitid_uuid;

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const noTrace = (body: string) => {
  assert.doesNotMatch(body, /at .*\.ts:\d+|Error:|stack/i, 'no stack trace or error text on the page');
};

describe('Min Bank logs in with MitID (Signaturgruppen dialect)', () => {
  test('the front page offers MitID, and NemID only for getting MitID', async () => {
    const home = await browser().get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<a class="button button-primary" href="\/login\/mitid">Log på med MitID<\/a>/);
    assert.match(
      home.body,
      /Har du ikke MitID endnu\? <a href="\/login">Log på med NemID<\/a> for at få MitID\./,
    );
  });

  test('the authorization request: code + PKCE S256, state, nonce, the scopes, idp_values, idp_params, language', async () => {
    const b = browser();
    const start = await b.get('/login/mitid?lang=en');
    assert.equal(start.statusCode, 302);
    const url = new URL(String(start.headers.location));
    assert.equal(`${url.origin}${url.pathname}`, `${op.origin}/op/auth`, 'the endpoint from discovery');
    const q = url.searchParams;
    assert.equal(q.get('client_id'), 'minbank');
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${bankUrl}/auth/mitid/callback`);
    assert.equal(q.get('scope'), 'openid mitid', 'a private service: the uuid, not the CPR number');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('nonce') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(q.get('idp_values'), 'mitid');
    assert.equal(q.get('language'), 'en');
    const params = JSON.parse(q.get('idp_params') ?? '{}') as { mitid: Record<string, string> };
    assert.deepEqual(Object.keys(params), ['mitid']);
    assert.equal(
      Buffer.from(params.mitid.reference_text ?? '', 'base64').toString('utf8'),
      'Log on to Min Bank',
    );
    assert.equal(params.mitid.action_text, 'LOG_ON');
    assert.equal(params.mitid.loa_value, 'substantial');
    const da = new URL(String((await browser().get('/login/mitid')).headers.location)).searchParams;
    assert.equal(da.get('language'), 'da');
    const daText = (JSON.parse(da.get('idp_params') ?? '{}') as { mitid: { reference_text: string } }).mitid
      .reference_text;
    assert.equal(Buffer.from(daText, 'base64').toString('utf8'), 'Log på Min Bank');
    assert.notEqual(da.get('state'), q.get('state'), 'a fresh state per login');
    // The pending login is a signed, HttpOnly, SameSite=Lax cookie scoped to the callback.
    const cookie = (
      start.cookies as { name: string; httpOnly?: boolean; sameSite?: string; path?: string; value: string }[]
    ).find((c) => c.name === 'minbank_mitid_login');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.path, '/auth/mitid/callback');
    assert.doesNotMatch(cookie?.value ?? '', new RegExp(q.get('state') ?? 'x'), 'not the bare state');
  });

  test('a customer logs in, sees the overview without the banner, and logs out of the bank and MitID', async () => {
    // The first MitID login: the bank asks again with ssn, finds Anna by the CPR and links the uuid.
    const first = browser();
    const linked = await first.callbackThrough(await first.toCallback('anna'));
    assert.ok(linked.asked, 'the first login asks for the CPR number');
    assert.equal(linked.res.headers.location, '/oversigt');
    assert.equal(await uuidOfCustomer(CPR), '7c6f0f3a-0000-4000-8000-000000000001');
    // Later logins: found by the uuid, in one round.
    const b = browser();
    const callback = await b.toCallback('anna');
    const res = await b.get(callback);
    assert.equal(res.statusCode, 302, res.body);
    assert.equal(res.headers.location, '/oversigt');
    assert.ok(b.cookies.minbank_sid, 'a session');
    assert.equal(b.cookies.minbank_mitid_login, undefined, 'the pending login is used up');
    const overview = await b.get('/oversigt');
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Velkommen, Anna Berg/);
    assert.doesNotMatch(overview.body, /Nu er det din tur til at få MitID/, 'she has MitID: no banner');

    // The same callback again, in the same browser: the login is used up, the session unchanged.
    const again = await b.get(callback);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Dette login blev ikke startet i denne browser, eller det er allerede brugt/);

    const out = await b.post('/logout', { _csrf: csrfOf(overview.body) });
    assert.equal(out.statusCode, 303);
    const end = new URL(String(out.headers.location));
    assert.equal(`${end.origin}${end.pathname}`, `${op.origin}/op/session/end`, 'the end-session endpoint');
    assert.ok(end.searchParams.get('id_token_hint'), 'with the ID token');
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${bankUrl}/`);
    assert.equal((await b.get('/oversigt')).headers.location, '/', 'the bank session is over');
    // The broker accepts the request (its confirmation page), so the hint and URI are valid.
    const endPage = await b.jar.get(end.href);
    assert.equal(endPage.status, 200, await endPage.text());
  });

  test('the callback URL replayed in another browser gets nothing', async () => {
    const callback = await browser().toCallback('anna');
    const other = browser();
    const res = await other.get(callback);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Dette login blev ikke startet i denne browser/);
    assert.match(res.body, /href="\/login\/mitid">Prøv igen/);
    assert.equal(other.cookies.minbank_sid, undefined, 'no session');
    noTrace(res.body);
  });

  test("another login's state, a forged cookie or no state: nothing", async () => {
    const b = browser();
    const callback = await b.toCallback('anna');
    // The browser starts a second login: its cookie now belongs to that one.
    await b.get('/login/mitid');
    const res = await b.get(callback);
    assert.equal(res.statusCode, 400);
    assert.equal(b.cookies.minbank_sid, undefined);

    const c = browser();
    const cb2 = await c.toCallback('anna');
    c.cookies.minbank_mitid_login = `${c.cookies.minbank_mitid_login}x`;
    assert.equal((await c.get(cb2)).statusCode, 400, 'a cookie with a broken signature');
    const d = browser();
    await d.get('/login/mitid');
    assert.equal((await d.get('/auth/mitid/callback?code=abc')).statusCode, 400, 'no state');
    assert.equal((await d.get(`/auth/mitid/callback?code=abc&state=${'a'.repeat(5000)}`)).statusCode, 400);
    assert.equal(d.cookies.minbank_sid, undefined);
  });

  test('the person cancels at MitID: "Du afbrød login" with Prøv igen', async () => {
    const b = browser();
    const callback = await b.toCallback('cancel');
    assert.match(callback, /error=access_denied/);
    const res = await b.get(callback);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Du afbrød login/);
    assert.match(res.body, /href="\/login\/mitid">Prøv igen<\/a>/);
    assert.equal(b.cookies.minbank_sid, undefined);
  });

  test('another error from the broker, or a code it never issued: a clear page, no session', async () => {
    const b = browser();
    const start = await b.get('/login/mitid');
    const state = new URL(String(start.headers.location)).searchParams.get('state') ?? '';
    const refused = await b.get(`/auth/mitid/callback?error=server_error&state=${state}`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Vi kunne ikke logge dig på\. Prøv igen\./);

    const c = browser();
    const callback = await c.toCallback('anna');
    const forged = callback.replace(/code=[^&]+/, 'code=not-a-code-the-broker-issued');
    const res = await c.get(forged);
    assert.equal(res.statusCode, 502);
    assert.match(res.body, /Vi kunne ikke logge dig på med MitID lige nu/);
    assert.equal(c.cookies.minbank_sid, undefined);
    noTrace(res.body);
    assert.ok(
      logs.some((l) => l.includes('MitID login failed')),
      'the cause is logged',
    );
  });

  test('a person who is not a customer, or a login without a CPR number: a clear page, no session', async () => {
    const b = browser();
    const { res, asked } = await b.callbackThrough(await b.toCallback('stranger'));
    assert.ok(asked);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /du er ikke kunde i Min Bank/);
    assert.equal(b.cookies.minbank_sid, undefined);
    // No CPR even when asked for it: a clear page, and the bank does not ask a third time.
    const c = browser();
    const nocpr = await c.callbackThrough(await c.toCallback('nocpr'));
    assert.ok(nocpr.asked);
    assert.equal(nocpr.res.statusCode, 502);
    assert.equal(c.cookies.minbank_sid, undefined);
  });

  test('3 wrong CPR numbers at the first MitID login: the clear page, no session, nothing linked', async () => {
    const b = browser();
    const { res } = await b.callbackThrough(await b.toCallback('bo'), 'cpr_match_exceeded');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Vi kunne ikke bekræfte dit CPR-nummer, fordi det blev tastet forkert 3 gange/);
    assert.match(res.body, /href="\/login\/mitid">Prøv igen/);
    assert.equal(b.cookies.minbank_sid, undefined);
    assert.equal(await uuidOfCustomer(BO_CPR), null);
  });

  test('another MitID with the CPR of a linked customer gets no session and changes nothing', async () => {
    const b = browser();
    const { res } = await b.callbackThrough(await b.toCallback('anna-other'));
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /allerede knyttet til et andet MitID/);
    assert.equal(b.cookies.minbank_sid, undefined);
    assert.equal(await uuidOfCustomer(CPR), '7c6f0f3a-0000-4000-8000-000000000001');
  });

  test("openid-client's errors are a clear page, never a stack trace: a wrong client secret", async () => {
    const wrong = await buildBank(op.origin, 'a-wrong-client-secret-0123456789abcdef');
    try {
      const b = browser(() => wrong);
      const res = await b.get(await b.toCallback('anna'));
      assert.equal(res.statusCode, 502);
      assert.match(res.body, /Vi kunne ikke logge dig på med MitID lige nu/);
      assert.equal(b.cookies.minbank_sid, undefined);
      noTrace(res.body);
    } finally {
      await wrong.close();
    }
  });

  test('a broker that cannot be reached: Log på med MitID shows a clear page', async () => {
    const down = await buildBank('http://127.0.0.1:9');
    try {
      const res = await down.inject({ url: '/login/mitid' });
      assert.equal(res.statusCode, 503);
      assert.match(res.body, /Vi kunne ikke logge dig på med MitID lige nu/);
      noTrace(res.body);
    } finally {
      await down.close();
    }
  });
});
