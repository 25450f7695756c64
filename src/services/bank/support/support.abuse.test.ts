/**
 * The phone support page's refusals, in-process (the whole send-and-approve path against a real
 * MitID is test/browser/bank-support.test.ts): nothing about a customer without the staff
 * session, a wrong password with a clear message and the per-address throttle, an unknown or
 * malformed customer number, a customer without a linked MitID, a text that is no person text,
 * and a MitID that cannot be reached: each a clear page, and no support call stored.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import { TestClock } from '../../../platform/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { injectBrowser } from '../../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildBankApp } from '../app.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';

const PASSWORD = 'support-password-for-tests';
const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('the phone support page refuses', () => {
  let dataDir: string;
  let db: TestDatabase<BankDb>;
  let bank: FastifyInstance;
  let linked: string;
  let unlinked: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bank-support-'));
    db = await openTestDatabase<BankDb>('sqlite', bankMigrations);
    // MitID at a closed port: every request to it fails.
    const config = loadConfig({
      DATA_DIR: dataDir,
      MITID_URL: 'http://127.0.0.1:1',
      BANK_URL: 'http://127.0.0.1:2',
    });
    bank = await buildBankApp({
      config,
      secrets: {
        cookieKey: 'bank-cookie-key-for-tests-0123456789',
        bankClientSecret: 'bank-client-secret-for-tests-0123456789',
        bankSupportPassword: PASSWORD,
      },
      db: db.db,
      clock: new TestClock(),
      random: cryptoRandom,
      logger: pino({ level: 'silent' }),
    });
    const customers = new CustomerStore(db.db);
    const none = { mitidTurnAt: null, mitidDeadlineAt: null, accounts: [] };
    linked = (await customers.create({ cpr: '0101901234', name: 'Karen Kunde', ...none }, 0, randomUUID))
      .customer_no;
    assert.ok(await customers.linkMitidUuid('0101901234', randomUUID()));
    unlinked = (await customers.create({ cpr: '0202902345', name: 'Ole Uden', ...none }, 0, randomUUID))
      .customer_no;
  });
  after(async () => {
    await bank?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const calls = async () => (await db.db.selectFrom('support_calls').select('id').execute()).length;

  test('a stranger: the login page, never a customer; a wrong password is told, then throttled', async () => {
    const stranger = injectBrowser(() => bank);
    const page = await stranger.get(`/support/kunde?nr=${linked}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kun for Min Banks medarbejdere/);
    assert.doesNotMatch(page.body, /Karen Kunde/);
    const sent = await stranger.post('/support/send', {
      _csrf: csrfOf(page.body),
      nr: linked,
      message: 'Hej',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(await calls(), 0);

    const wrong = await stranger.post('/support/login', {
      _csrf: csrfOf(page.body),
      password: 'not the password',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Adgangskoden er forkert/);
    let last = wrong.statusCode;
    for (let i = 0; i < 6 && last !== 429; i++) {
      last = (await stranger.post('/support/login', { _csrf: csrfOf(page.body), password: 'still not it' }))
        .statusCode;
    }
    assert.equal(last, 429, 'the address is throttled');
  });

  test('logged in: unknown and malformed numbers, no MitID, a bad text, MitID unreachable', async () => {
    const staff = injectBrowser(() => bank);
    const first = await staff.get('/support');
    // From another address than the stranger's, whose login tries are spent.
    const login = await bank.inject({
      method: 'POST',
      url: '/support/login',
      remoteAddress: '127.0.0.9',
      cookies: staff.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(first.body), password: PASSWORD }).toString(),
    });
    assert.equal(login.statusCode, 303, login.body);
    for (const c of login.cookies as { name: string; value: string }[]) staff.cookies[c.name] = c.value;

    const unknown = await staff.get('/support/kunde?nr=999999');
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Der er ingen kunde med kundenummer 999999/);
    const malformed = await staff.get('/support/kunde?nr=12ab');
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /Indtast kundenummeret med cifre/);

    const noMitid = await staff.get(`/support/kunde?nr=${unlinked}`);
    assert.equal(noMitid.statusCode, 200);
    assert.match(noMitid.body, /har ikke knyttet MitID til Min Bank endnu/);
    assert.doesNotMatch(noMitid.body, /Send til kundens MitID app/);

    const form = await staff.get(`/support/kunde?nr=${linked}`);
    assert.match(form.body, /Bekræft opkald fra Min Bank: \d{4}/);
    const csrf = csrfOf(form.body);
    const bad = await staff.post('/support/send', { _csrf: csrf, nr: linked, message: 'Godkend\u202e4821' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Teksten skal være 1-130 almindelige tegn/);
    const tooLong = await staff.post('/support/send', { _csrf: csrf, nr: linked, message: 'x'.repeat(131) });
    assert.equal(tooLong.statusCode, 400);
    const notLinked = await staff.post('/support/send', { _csrf: csrf, nr: unlinked, message: 'Hej' });
    assert.match(notLinked.body, /har ikke knyttet MitID/);
    const unreachable = await staff.post('/support/send', { _csrf: csrf, nr: linked, message: 'Hej' });
    assert.equal(unreachable.statusCode, 400);
    assert.match(unreachable.body, /MitID kunne ikke nås/);
    assert.equal(await calls(), 0, 'nothing was stored');
    assert.equal((await staff.get('/support/opkald/nope')).statusCode, 404);
  });
});
