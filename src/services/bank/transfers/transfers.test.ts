/**
 * Min Bank's transfers through HTTP, in-process: the bank (inject) and a real oidc-provider on a
 * port as the broker (PAR, code, ID token its own; the transaction token signed here with the
 * provider's key, since MitID's own is tested end to end in test/browser/bank-transfer.test.ts).
 * The form and its refusals (nothing stored), the pushed request, a booking checked in the
 * database, and every way an approval must book nothing: a cancel, a replayed callback, a token for
 * other details, a stored transfer changed after the push, a token of another person, the same
 * token twice, a late answer, a spent balance; a NemID session, a flood, another customer's
 * receipt. SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { MINUTE, TestClock } from '../../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CookieJar, injectBrowser, startTestOp, type TestOp } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBankApp } from '../app.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';
import { TransferStore } from './TransferStore.ts';
import { sha256Hex } from './verifyTransactionToken.ts';

const CPR = '0101901234';
const OTHER_CPR = '0202801111';
const SECRET = 'bank-client-secret-for-tests-0123456789';
const bankUrl = 'http://127.0.0.1:1';
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

for (const dialect of await dialectsUnderTest()) {
  describe(`Min Bank transfers approved with MitID (${dialect})`, () => {
    const clock = new TestClock(new Date());
    let dataDir: string;
    let bankDb: TestDatabase<BankDb>;
    let op: TestOp;
    let bank: FastifyInstance;
    let lon = '';
    let opsparing = '';

    before(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'bank-transfers-'));
      op = await startTestOp([
        {
          prefix: '/op',
          scopes: ['openid', 'mitid', 'ssn'],
          claims: { mitid: ['mitid.uuid'], ssn: ['dk.cpr'] },
          clients: [
            {
              client_id: 'minbank',
              client_secret: SECRET,
              token_endpoint_auth_method: 'client_secret_basic',
              redirect_uris: [`${bankUrl}/auth/mitid/callback`, `${bankUrl}/auth/mitid/transfer-callback`],
              post_logout_redirect_uris: [`${bankUrl}/`],
            },
          ],
        },
      ]);
      op.accounts.set('anna', { 'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000001', 'dk.cpr': CPR });
      op.accounts.set('bo', { 'mitid.uuid': '7c6f0f3a-0000-4000-8000-000000000002', 'dk.cpr': OTHER_CPR });
      bankDb = await openTestDatabase<BankDb>(dialect, bankMigrations);
      const now = clock.now().getTime();
      const store = new CustomerStore(bankDb.db);
      for (const [cpr, name] of [
        [CPR, 'Anna Berg'],
        [OTHER_CPR, 'Bo Ek'],
      ] as const) {
        await store.create(
          {
            cpr,
            name,
            mitidTurnAt: null,
            mitidDeadlineAt: null,
            accounts:
              cpr === CPR
                ? [
                    { name: 'Lønkonto', regNo: '9999', accountNo: '0012345678', balanceOre: 2_345_650 },
                    { name: 'Opsparing', regNo: '9999', accountNo: '0087654321', balanceOre: 10_000_000 },
                  ]
                : [{ name: 'Budget', regNo: '9999', accountNo: '0011223344', balanceOre: 100_000 }],
          },
          now,
          () => randomUUID(),
        );
      }
      // Returning customers: their MitID uuids are linked (the first login's CPR match is the
      // login's own test, mitidLogin.test.ts).
      assert.ok(await store.linkMitidUuid(CPR, '7c6f0f3a-0000-4000-8000-000000000001'));
      assert.ok(await store.linkMitidUuid(OTHER_CPR, '7c6f0f3a-0000-4000-8000-000000000002'));
      const accounts = await store.accounts(CPR);
      lon = accounts.find((a) => a.name === 'Lønkonto')?.id ?? '';
      opsparing = accounts.find((a) => a.name === 'Opsparing')?.id ?? '';
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

    const balance = async (id: string) =>
      Number(
        (
          await bankDb.db
            .selectFrom('accounts')
            .select('balance_ore')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).balance_ore,
      );
    const bookings = async () => bankDb.db.selectFrom('bookings').selectAll().execute();
    const newestTransfer = async () =>
      bankDb.db
        .selectFrom('transfers')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();

    /** The claims MitID puts in the transaction token of the newest transfer (overrides last). */
    const tokenClaims = async (over: JWTPayload = {}): Promise<JWTPayload> => {
      const t = await newestTransfer();
      return {
        iss: `${op.origin}/op`,
        aud: 'minbank',
        iat: Math.floor(Date.now() / 1000),
        jti: randomUUID(),
        sub: 'anna',
        spec_ver: '0.9',
        transaction_actions: ['mitid.transaction_signing'],
        'mitid.transaction_id': randomUUID(),
        'mitid.transaction_text': t.text,
        'mitid.transaction_text_sha256': sha256Hex(t.text),
        'mitid.transaction_text_type': 'text',
        action: 'APPROVE',
        acr: 'https://data.gov.dk/concept/core/nsis/Substantial',
        loa: 'https://data.gov.dk/concept/core/nsis/Substantial',
        amr: 'code_app',
        auth_time: Math.floor(Date.now() / 1000),
        authorization_details: JSON.parse(t.authorization_details),
        ...over,
      };
    };
    const signed = async (claims: JWTPayload) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: op.signingKey.kid, typ: 'JWT' })
        .sign(await importJWK(op.signingKey, 'RS256'));
    /** The next approvals' token: MitID's as it would be, or changed by `over`. */
    const issue = (over: JWTPayload = {}) => {
      op.tokenExtra = async () => ({ transaction_token: await signed(await tokenClaims(over)) });
    };

    /** A browser logged in to the bank with MitID as `account`. */
    async function customer(account = 'anna') {
      const b = { ...injectBrowser(() => bank), jar: new CookieJar() };
      const start = await b.get('/login/mitid');
      op.next = account;
      const back = new URL(await b.jar.followWhile(String(start.headers.location), new URL(op.origin).host));
      const res = await b.get(back.pathname + back.search);
      assert.equal(res.headers.location, '/oversigt', res.body);
      return b;
    }
    type Browser = Awaited<ReturnType<typeof customer>>;

    const form = (over: Record<string, string> = {}) => ({
      from: lon,
      regNo: '9999',
      accountNo: '0087654321',
      amount: '1.250,00',
      message: 'Husleje december',
      ...over,
    });

    /** The form → the confirmation → "Godkend med MitID": where the bank sends the browser. */
    async function push(b: Browser, fields = form(), gap = 2 * MINUTE) {
      // Each transfer its own created_at (the newest is the one pushed last), and the tests' many
      // transfers spread out enough not to meet the per-customer limit (its own test below).
      clock.advance(gap);
      const page = await b.get('/overfoersel');
      assert.equal(page.statusCode, 200, page.body);
      const confirm = await b.post('/overfoersel', { _csrf: csrfOf(page.body), ...fields });
      assert.equal(confirm.statusCode, 200, confirm.body);
      const res = await b.post('/overfoersel/godkend', {
        _csrf: csrfOf(confirm.body),
        ...fields,
        action: 'approve',
      });
      assert.equal(res.statusCode, 303, res.body);
      return new URL(String(res.headers.location));
    }

    /** At the broker: `account` approves (or `cancel`); the bank's answer to the callback. */
    async function answer(b: Browser, authorize: URL, account = 'anna') {
      op.next = account;
      const back = new URL(await b.jar.followWhile(authorize.href, new URL(op.origin).host));
      assert.equal(back.pathname, '/auth/mitid/transfer-callback');
      return { url: back.pathname + back.search, res: await b.get(back.pathname + back.search) };
    }

    test('the overview links to the transfer form; each field is checked with its own message, nothing is stored', async () => {
      const b = await customer();
      const overview = await b.get('/oversigt');
      assert.match(overview.body, /<a class="button button-primary" href="\/overfoersel">Overfør penge<\/a>/);
      const page = await b.get('/overfoersel');
      assert.match(page.body, /<label class="form-label" for="from">Fra konto<\/label>/);
      assert.match(page.body, /Lønkonto \(9999 0012345678\), saldo 23\.456,50\s*kr\./);
      const bad = await b.post('/overfoersel', {
        _csrf: csrfOf(page.body),
        ...form({ regNo: '99', accountNo: '', amount: '99999,00', message: 'x'.repeat(36) }),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<h2 class="alert-heading" id="error-summary-title">Der er et problem<\/h2>/);
      assert.match(bad.body, /<a href="#regNo">Reg\.nr\. skal være 4 cifre<\/a>/);
      assert.match(bad.body, /<a href="#accountNo">Indtast kontonr\.<\/a>/);
      assert.match(bad.body, /<a href="#amount">Beløbet er større end saldoen på kontoen<\/a>/);
      assert.match(bad.body, /<a href="#message">Beskeden kan højst være 35 tegn<\/a>/);
      assert.match(bad.body, /value="99999,00"/, 'what was typed is shown again');
      // "Godkend med MitID" with a bad form (a crafted post) is the form again, not a transfer.
      const crafted = await b.post('/overfoersel/godkend', {
        _csrf: csrfOf(bad.body),
        ...form({ from: 'another-customers-account' }),
        action: 'approve',
      });
      assert.equal(crafted.statusCode, 400);
      assert.match(crafted.body, /Vælg den konto, du vil overføre fra/);
      // Without the CSRF token: refused.
      const forged = await b.post('/overfoersel/godkend', { ...form(), action: 'approve' });
      assert.equal(forged.statusCode, 403);
      assert.equal(
        (await bankDb.db.selectFrom('transfers').selectAll().execute()).length,
        0,
        'nothing stored',
      );
    });

    test('the confirmation shows exactly the text to approve; "Ret overførslen" goes back with the values', async () => {
      const b = await customer();
      const page = await b.get('/overfoersel');
      const confirm = await b.post('/overfoersel', { _csrf: csrfOf(page.body), ...form() });
      assert.match(
        confirm.body,
        /<p class="transfer-text" id="transfer-text">Overfør 1\.250,00 kr\. til 9999 0087654321\. Besked: Husleje december<\/p>/,
      );
      assert.match(confirm.body, /Godkend med MitID/);
      const en = await b.post('/overfoersel?lang=en', {
        _csrf: csrfOf(page.body),
        ...form({ amount: '1250.00' }),
      });
      assert.match(en.body, /Transfer DKK 1,250\.00 to 9999 0087654321\. Message: Husleje december/);
      const edit = await b.post('/overfoersel/godkend', {
        _csrf: csrfOf(confirm.body),
        ...form(),
        action: 'edit',
      });
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /value="Husleje december"/);
      assert.equal(
        (await bankDb.db.selectFrom('transfers').selectAll().execute()).length,
        0,
        'nothing stored',
      );
    });

    test('approved: the pushed request, the token verified, booked in the database, the receipt and its evidence', async () => {
      const b = await customer();
      const [lonBefore, opsparingBefore] = [await balance(lon), await balance(opsparing)];
      const authorize = await push(b);
      // Only the request_uri goes through the browser (PAR).
      assert.deepEqual([...authorize.searchParams.keys()].sort(), ['client_id', 'request_uri']);
      const t = await newestTransfer();
      assert.equal(t.status, 'awaiting_approval');
      assert.equal(Number(t.amount_ore), 125_000);
      assert.equal(t.text, 'Overfør 1.250,00 kr. til 9999 0087654321. Besked: Husleje december');
      assert.deepEqual(JSON.parse(t.authorization_details), [
        {
          type: 'payment_initiation',
          instructedAmount: { currency: 'DKK', amount: '1250.00' },
          debtorAccount: { regNo: '9999', accountNo: '0012345678' },
          creditorAccount: { regNo: '9999', accountNo: '0087654321' },
          remittanceInformationUnstructured: 'Husleje december',
        },
      ]);
      assert.ok(b.cookies.minbank_mitid_transfer, 'its own pending cookie');
      issue();
      const { url, res } = await answer(b, authorize);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `/overfoersel/${t.id}`);
      assert.equal(await balance(lon), lonBefore - 125_000, 'debited');
      assert.equal(await balance(opsparing), opsparingBefore + 125_000, "credited: the bank's own account");
      const [booking, ...more] = await bookings();
      assert.deepEqual(more, []);
      assert.equal(booking?.transfer_id, t.id);
      assert.equal(Number(booking?.amount_ore), 125_000);
      assert.equal(booking?.loa, 'substantial');
      const claims = JSON.parse(
        Buffer.from(booking?.transaction_token.split('.')[1] ?? '', 'base64url').toString(),
      );
      assert.equal(booking?.jti, claims.jti, 'the token and its jti are stored');
      assert.equal((await newestTransfer()).status, 'booked');

      const receipt = await b.get(`/overfoersel/${t.id}`);
      assert.equal(receipt.statusCode, 200);
      assert.match(receipt.body, /Overførslen er gennemført/);
      assert.match(
        receipt.body,
        /<dd id="receipt-text">Overfør 1\.250,00 kr\. til 9999 0087654321\. Besked: Husleje december<\/dd>/,
      );
      assert.match(receipt.body, new RegExp(`<code id="receipt-jti">${claims.jti}</code>`));
      assert.match(receipt.body, /<dd>Betydelig<\/dd>/);
      const evidence = await b.get(`/overfoersel/${t.id}/bevis`);
      assert.equal(evidence.statusCode, 200);
      assert.match(
        evidence.body,
        /&quot;transaction_actions&quot;: \[\s*&quot;mitid\.transaction_signing&quot;/,
      );
      assert.match(evidence.body, /&quot;kid&quot;: &quot;test-rs256&quot;/);

      // The callback again: used up, nothing more booked.
      const again = await b.get(url);
      assert.equal(again.statusCode, 400);
      assert.match(
        again.body,
        /Denne godkendelse blev ikke startet i denne browser, eller den er allerede brugt/,
      );
      assert.equal((await bookings()).length, 1);
      assert.equal(await balance(lon), lonBefore - 125_000);
      // Another customer cannot see the receipt.
      const bo = await customer('bo');
      assert.equal((await bo.get(`/overfoersel/${t.id}`)).statusCode, 404);
      assert.equal((await bo.get(`/overfoersel/${t.id}/bevis`)).statusCode, 404);
    });

    /** A transfer answered with `approve`, which must book nothing: the page and the stored status. */
    async function booksNothing(
      approve: (b: Browser, authorize: URL) => Promise<{ statusCode: number; body: string }>,
      expect: { status: 'cancelled' | 'refused'; reason: RegExp; text: RegExp },
    ) {
      const b = await customer();
      const before = [await balance(lon), (await bookings()).length];
      const authorize = await push(b, form({ amount: '100' }));
      const res = await approve(b, authorize);
      assert.equal(res.statusCode >= 400, true, res.body);
      assert.match(res.body, /Overførslen er ikke gennemført/);
      assert.match(res.body, expect.text);
      assert.match(res.body, /<a class="button button-primary" href="\/overfoersel">Prøv igen<\/a>/);
      const t = await newestTransfer();
      assert.equal(t.status, expect.status);
      assert.match(t.reason ?? '', expect.reason);
      assert.deepEqual([await balance(lon), (await bookings()).length], before, 'nothing booked');
      op.tokenExtra = undefined;
      return t;
    }

    test('cancelled at MitID: access_denied, marked cancelled, nothing booked', async () => {
      await booksNothing(async (b, u) => (await answer(b, u, 'cancel')).res, {
        status: 'cancelled',
        reason: /^access_denied$/,
        text: /Du godkendte ikke overførslen i MitID/,
      });
    });

    test('a token for other details (another amount) is refused', async () => {
      await booksNothing(
        async (b, u) => {
          issue({
            authorization_details: [
              {
                ...(JSON.parse((await newestTransfer()).authorization_details)[0] as object),
                instructedAmount: { currency: 'DKK', amount: '1.00' },
              },
            ],
          });
          return (await answer(b, u)).res;
        },
        {
          status: 'refused',
          reason: /^token:authorization_details$/,
          text: /Vi kunne ikke bekræfte din godkendelse/,
        },
      );
    });

    test('the stored transfer changed after the push (amount and details) is refused', async () => {
      await booksNothing(
        async (b, u) => {
          issue();
          const t = await newestTransfer();
          const details = JSON.parse(t.authorization_details);
          details[0].instructedAmount.amount = '5000.00';
          await bankDb.db
            .updateTable('transfers')
            .set({ amount_ore: 500_000, authorization_details: JSON.stringify(details) })
            .where('id', '=', t.id)
            .execute();
          // The token is made at the token endpoint from the row: the test's MitID approved 100 kr.
          op.tokenExtra = async () => ({
            transaction_token: await signed(
              await tokenClaims({
                authorization_details: [
                  { ...details[0], instructedAmount: { currency: 'DKK', amount: '100.00' } },
                ],
              }),
            ),
          });
          return (await answer(b, u)).res;
        },
        {
          status: 'refused',
          reason: /^(stored_transfer_changed|token:authorization_details)$/,
          text: /bekræfte/,
        },
      );
    });

    test('only the amount changed in the stored row is refused too', async () => {
      await booksNothing(
        async (b, u) => {
          issue();
          await bankDb.db
            .updateTable('transfers')
            .set({ amount_ore: 500_000 })
            .where('id', '=', (await newestTransfer()).id)
            .execute();
          return (await answer(b, u)).res;
        },
        { status: 'refused', reason: /^stored_transfer_changed$/, text: /bekræfte/ },
      );
    });

    test("another person's approval (sub), a text digest not of the bank's text, level low: refused", async () => {
      for (const [over, reason] of [
        [{ sub: 'bo' }, /^token:subject$/],
        [
          { 'mitid.transaction_text_sha256': sha256Hex('Overfør 1,00 kr. til 9999 0087654321') },
          /^token:text:sha256$/,
        ],
        [{ loa: 'https://data.gov.dk/concept/core/nsis/Low' }, /^token:level/],
        [{ transaction_actions: ['mitid.login'] }, /^token:transaction_actions$/],
      ] as const) {
        await booksNothing(
          async (b, u) => {
            issue(over);
            return (await answer(b, u)).res;
          },
          { status: 'refused', reason, text: /bekræfte/ },
        );
      }
    });

    test('no transaction token at all is refused', async () => {
      await booksNothing(async (b, u) => (await answer(b, u)).res, {
        status: 'refused',
        reason: /^token:signature/,
        text: /bekræfte/,
      });
    });

    test('the same token (jti) for a second transfer books nothing', async () => {
      const b = await customer();
      // A first transfer is booked with a token; the second's answer carries the same jti.
      const first = await push(b, form({ amount: '2' }));
      issue();
      const firstToken = await signed(await tokenClaims());
      op.tokenExtra = async () => ({ transaction_token: firstToken });
      assert.equal((await answer(b, first)).res.statusCode, 303);
      await booksNothing(
        async (b2, u) => {
          const claims = JSON.parse(Buffer.from(firstToken.split('.')[1] ?? '', 'base64url').toString());
          issue({ jti: claims.jti });
          return (await answer(b2, u)).res;
        },
        { status: 'refused', reason: /^token:jti:used$/, text: /bekræfte/ },
      );
    });

    test('an answer after the approval window is expired: cancelled, nothing booked', async () => {
      await booksNothing(
        async (b, u) => {
          issue();
          clock.advance(11 * MINUTE);
          try {
            return (await answer(b, u)).res;
          } finally {
            clock.advance(-11 * MINUTE);
          }
        },
        { status: 'cancelled', reason: /^expired$/, text: /Godkendelsen tog for lang tid/ },
      );
    });

    test('expired by the sweep before the answer comes: the answer books nothing and says it was too late', async () => {
      await booksNothing(
        async (b, u) => {
          issue();
          clock.advance(11 * MINUTE);
          try {
            assert.ok((await new TransferStore(bankDb.db).expireStale(clock.now().getTime())) >= 1);
            return (await answer(b, u)).res;
          } finally {
            clock.advance(-11 * MINUTE);
          }
        },
        { status: 'cancelled', reason: /^expired$/, text: /Godkendelsen tog for lang tid/ },
      );
    });

    test('the balance spent meanwhile: the debit re-checks it, nothing booked', async () => {
      const b = await customer();
      const authorize = await push(b, form({ amount: '100' }));
      issue();
      const lonNow = await balance(lon);
      await bankDb.db.updateTable('accounts').set({ balance_ore: 50 }).where('id', '=', lon).execute();
      const { res } = await answer(b, authorize);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, /Der er ikke penge nok på kontoen\. Der er ikke overført penge\./);
      assert.equal((await newestTransfer()).status, 'refused');
      assert.equal((await newestTransfer()).reason, 'insufficient_funds');
      assert.equal(await balance(lon), 50);
      await bankDb.db.updateTable('accounts').set({ balance_ore: lonNow }).where('id', '=', lon).execute();
      op.tokenExtra = undefined;
    });

    test('a NemID session cannot transfer; a flood of transfers is stopped per customer', async () => {
      // A session of the NemID login (getting MitID): no MitID sub, so no approval.
      const n = injectBrowser(() => bank);
      const b = await customer();
      const sid = await bankDb.db
        .selectFrom('sessions')
        .select(['id_hash', 'data'])
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const data = JSON.parse(sid.data);
      await bankDb.db
        .updateTable('sessions')
        .set({ data: JSON.stringify({ ...data, method: 'nemid-keycard', mitidSub: undefined }) })
        .where('id_hash', '=', sid.id_hash)
        .execute();
      Object.assign(n.cookies, b.cookies);
      const page = await n.get('/overfoersel');
      assert.equal(page.statusCode, 403);
      assert.match(page.body, /Du skal være logget på med MitID for at overføre penge/);

      const c = await customer();
      const recent = await bankDb.db
        .selectFrom('transfers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('cpr', '=', CPR)
        .where('created_at', '>=', clock.now().getTime() - 15 * MINUTE)
        .executeTakeFirstOrThrow();
      for (let i = Number(recent.n); i < 10; i++) await push(c, form({ amount: '1' }), 1000);
      const count = async () => (await bankDb.db.selectFrom('transfers').selectAll().execute()).length;
      const before = await count();
      const p = await c.get('/overfoersel');
      const tooMany = await c.post('/overfoersel/godkend', {
        _csrf: csrfOf(p.body),
        ...form({ amount: '1' }),
        action: 'approve',
      });
      assert.equal(tooMany.statusCode, 429);
      assert.match(tooMany.body, /Du har startet mange overførsler på kort tid/);
      assert.equal(await count(), before, 'nothing stored');
      // The sweep marks the ones left waiting as expired, once the window has passed.
      clock.advance(16 * MINUTE);
      const c2 = await customer();
      assert.notEqual(
        (
          await c2.post('/overfoersel/godkend', {
            _csrf: csrfOf((await c2.get('/overfoersel')).body),
            ...form({ amount: '1' }),
            action: 'approve',
          })
        ).statusCode,
        429,
      );
    });
  });
}
