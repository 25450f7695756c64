/**
 * A transfer at Min Bank approved with MitID (issue 10 item 1; decision 0013 §2), the whole way:
 * Chromium at the bank (Danish) → "Overfør penge", the form, the text to approve, "Godkend med
 * MitID" → MitID's login box (the pushed request: the text shown) → the person's MitID app (the
 * headless app client, `npm run app -- approve|reject --code …` with the PIN) → back at the bank,
 * which verifies the transaction token and books. Checked in the bank's database: the balance, the
 * booking with its token and jti, the token verified against MitID's JWKS. A rejection, an expired
 * approval (its authentication's time run out) and a transfer changed in the bank's database after
 * the push each book nothing. Every page passes axe.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { BrowserContext, Page } from 'playwright-core';
import { CustomerStore } from '../../src/services/bank/customerStore.ts';
import { expectAccessible } from '../support/browser.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'bank-transfer-'));
const stateDir = path.join(work, '.mitid-app');
const IDA = { name: 'Ida Holm', cpr: '1003851234', pin: '246813' };
let userId = '';
let lon = '';
const contexts: BrowserContext[] = [];

const npmEnv = () => ({
  ...process.env,
  ...env.system.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
});

/** The person's MitID app decides the request the box's typed code opens (the PIN when asked). */
function app(decision: 'approve' | 'reject', code: string): string {
  const args = ['run', '--silent', 'app', '--', decision, '--code', code, '--state', stateDir];
  if (decision === 'approve') args.push('--pin', IDA.pin);
  return execFileSync('npm', args, { cwd: root, env: npmEnv(), encoding: 'utf8', stdio: 'pipe' });
}

/** Ida: MitID with an activated app (the headless client's state), and a customer of Min Bank. */
async function idaWithAppAndBank(): Promise<void> {
  const made = spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'people',
      '--',
      'create',
      '--name',
      IDA.name,
      '--cpr',
      IDA.cpr,
      '--with-app',
      '--pin',
      IDA.pin,
      '--state',
      stateDir,
    ],
    { cwd: root, env: npmEnv(), encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr + made.stdout);
  userId = /MitID user-ID (\S+) \(active\)/.exec(made.stdout)?.[1] ?? '';
  assert.ok(userId, made.stdout);
  const now = Date.now();
  await new CustomerStore(env.data.bank.db).create(
    {
      cpr: IDA.cpr,
      name: IDA.name,
      mitidTurnAt: null,
      mitidDeadlineAt: null,
      accounts: [
        { name: 'Lønkonto', regNo: '9999', accountNo: '0055501234', balanceOre: 2_000_000 },
        { name: 'Opsparing', regNo: '9999', accountNo: '0055509876', balanceOre: 500_000 },
      ],
    },
    now,
    () => crypto.randomUUID(),
  );
  const accounts = await new CustomerStore(env.data.bank.db).accounts(IDA.cpr);
  lon = accounts.find((a) => a.name === 'Lønkonto')?.id ?? '';
}

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

async function computer(): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'da-DK' });
  contexts.push(context);
  return context.newPage();
}

/** The box: the user-ID when it asks for it (not when the bank names the person), then the typed code. */
async function typedCodeInBox(page: Page, userIdAsked: boolean): Promise<string> {
  await page.waitForURL(`${env.system.mitidUrl}/op/login/**`);
  const userIdField = page.getByRole('textbox', { name: 'Bruger-ID' });
  const wait = page.locator('#login-box-wait');
  await userIdField.or(wait).first().waitFor();
  assert.equal(await userIdField.isVisible(), userIdAsked, 'the box asks for the user-ID');
  if (userIdAsked) {
    await expectAccessible(page);
    await userIdField.fill(userId);
    await press(page, 'FORTSÆT');
  }
  await page.locator('#login-box-wait[data-status="awaiting_channel"]').waitFor();
  await expectAccessible(page);
  const code = page.locator('#login-box-typed');
  if (!(await code.isVisible())) await page.locator('#login-box-code summary').click();
  return (await code.innerText()).replace(/\s/g, '');
}

/** Log på med MitID at the bank (and the CPR page, where MitID asks for it) → the overview. */
async function loggedIn(): Promise<Page> {
  const page = await computer();
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med MitID' }).click();
  app('approve', await typedCodeInBox(page, true));
  const cpr = page.getByRole('textbox', { name: 'CPR-nummer' });
  const overview = page.getByRole('heading', { level: 1, name: 'Kontooversigt' });
  // A private service's first MitID login: the CPR match links the customer's MitID uuid.
  await cpr.or(overview).first().waitFor();
  assert.ok(await cpr.isVisible(), 'the box asks for the CPR number at the first login');
  await expectAccessible(page);
  await cpr.fill(IDA.cpr);
  await press(page, 'Bekræft');
  await page.waitForURL(`${env.system.bankUrl}/oversigt`);
  await expectAccessible(page);
  const linked = await env.data.bank.db
    .selectFrom('customers')
    .select('mitid_uuid')
    .where('cpr', '=', IDA.cpr)
    .executeTakeFirstOrThrow();
  assert.ok(linked.mitid_uuid, 'the MitID uuid is linked');
  return page;
}

const balance = async (id: string) =>
  Number(
    (
      await env.data.bank.db
        .selectFrom('accounts')
        .select('balance_ore')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).balance_ore,
  );
const bookingCount = async () =>
  (await env.data.bank.db.selectFrom('bookings').select('id').execute()).length;
const newestTransfer = () =>
  env.data.bank.db
    .selectFrom('transfers')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

/** The overview → "Overfør penge" → the form → the text to approve → "Godkend med MitID" → the box's typed code. */
async function transfer(page: Page, amount: string, message: string): Promise<string> {
  await page.getByRole('link', { name: 'Overfør penge' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overfør penge' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Fra konto').selectOption(lon);
  await page.getByRole('textbox', { name: 'Reg.nr.' }).fill('9999');
  await page.getByRole('textbox', { name: 'Kontonr.' }).fill('0055509876');
  await page.getByRole('textbox', { name: 'Beløb i kroner' }).fill(amount);
  await page.getByRole('textbox', { name: 'Besked til modtager (valgfri)' }).fill(message);
  await press(page, 'Fortsæt');
  await page.getByRole('heading', { level: 1, name: 'Godkend overførslen' }).waitFor();
  await expectAccessible(page);
  const text = await page.locator('#transfer-text').innerText();
  await press(page, 'Godkend med MitID');
  // Ida's MitID uuid was linked at her first login: the bank's uuid_hint skips the user-ID.
  const code = await typedCodeInBox(page, false);
  // The box shows what is approved, exactly the bank's text.
  await page.locator('#login-box-transaction').getByText(text, { exact: true }).waitFor();
  return code;
}

/** The bank's answer when nothing was booked: the page, "Prøv igen", and the data unchanged. */
async function notBooked(page: Page, before: { balance: number; bookings: number }, text: RegExp) {
  await page.waitForURL(`${env.system.bankUrl}/auth/mitid/transfer-callback**`);
  await page.getByRole('heading', { level: 1, name: 'Overførslen er ikke gennemført' }).waitFor();
  await page.getByText(text).waitFor();
  await page.getByRole('link', { name: 'Prøv igen' }).waitFor();
  await expectAccessible(page);
  assert.equal(await balance(lon), before.balance, 'no money moved');
  assert.equal(await bookingCount(), before.bookings, 'nothing booked');
}

describe('a transfer at Min Bank approved with MitID', () => {
  let page: Page;

  test('Ida (MitID with the app, a customer of Min Bank) logs in to Min Bank with MitID', async () => {
    await idaWithAppAndBank();
    page = await loggedIn();
    await page.getByRole('link', { name: 'Overfør penge' }).waitFor();
  });

  test('approved in the app with the PIN: booked, the receipt, the evidence; the token verifies against MitID', async () => {
    const before = { balance: await balance(lon), bookings: await bookingCount() };
    const code = await transfer(page, '1.250,00', 'Husleje december');
    const t = await newestTransfer();
    assert.equal(t.status, 'awaiting_approval');
    assert.equal(t.text, 'Overfør 1.250,00 kr. til 9999 0055509876. Besked: Husleje december');
    const shown = app('approve', code);
    assert.match(
      shown,
      /Overfør 1\.250,00 kr\. til 9999 0055509876\. Besked: Husleje december/,
      'the app shows the text',
    );

    await page.waitForURL(`${env.system.bankUrl}/overfoersel/${t.id}`);
    await page.getByRole('heading', { level: 1, name: 'Overførslen er gennemført' }).waitFor();
    await page.locator('#receipt-text').getByText(t.text, { exact: true }).waitFor();
    await expectAccessible(page);
    assert.equal(await balance(lon), before.balance - 125_000, 'debited');
    const booking = await env.data.bank.db
      .selectFrom('bookings')
      .selectAll()
      .where('transfer_id', '=', t.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(booking.amount_ore), 125_000);
    assert.equal((await newestTransfer()).status, 'booked');
    assert.equal(await page.locator('#receipt-jti').innerText(), booking.jti);

    // The stored token is MitID's, and verifies long after against its published keys.
    const jwks = createRemoteJWKSet(
      new URL(`${env.system.mitidUrl}/op/.well-known/openid-configuration/jwks`),
    );
    const { payload, protectedHeader } = await jwtVerify(booking.transaction_token, jwks, {
      issuer: `${env.system.mitidUrl}/op`,
      audience: 'minbank',
      typ: 'JWT',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.jti, booking.jti);
    assert.deepEqual(payload.transaction_actions, ['mitid.transaction_signing']);
    assert.equal(payload['mitid.transaction_text'], t.text);
    assert.deepEqual(payload.authorization_details, JSON.parse(t.authorization_details));
    assert.equal(payload.loa, 'https://data.gov.dk/concept/core/nsis/Substantial');
    // And offline, as a bank's auditor would: the JWKS saved, `npm run verify-token`.
    const jwksFile = path.join(work, 'jwks.json');
    const tokenFile = path.join(work, 'token.jwt');
    writeFileSync(
      jwksFile,
      await (await fetch(`${env.system.mitidUrl}/op/.well-known/openid-configuration/jwks`)).text(),
    );
    writeFileSync(tokenFile, booking.transaction_token);
    const verify = (audience: string) =>
      spawnSync(
        'npm',
        [
          'run',
          '--silent',
          'verify-token',
          '--',
          tokenFile,
          '--jwks',
          jwksFile,
          '--issuer',
          `${env.system.mitidUrl}/op`,
          '--audience',
          audience,
        ],
        { cwd: root, env: npmEnv(), encoding: 'utf8' },
      );
    const verified = verify('minbank');
    assert.equal(verified.status, 0, verified.stderr);
    assert.equal((JSON.parse(verified.stdout) as { jti?: string }).jti, booking.jti);
    assert.equal(verify('borger').status, 1, 'another audience: not valid');
    // MitID recorded an approval with the PIN, of this text.
    const a = await env.data.mitid.db
      .selectFrom('authentications')
      .selectAll()
      .where('client_id', '=', 'minbank')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(a.status, 'approved');
    assert.equal(a.action, 'approve');
    assert.equal(a.text, t.text);

    await page.getByRole('link', { name: 'Se bevis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bevis for godkendelsen' }).waitFor();
    assert.match(
      await page.locator('#evidence-claims').innerText(),
      /"mitid\.transaction_text_sha256": "[0-9a-f]{64}"/,
    );
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Tilbage til kvitteringen' }).click();
    await page.getByRole('link', { name: 'Tilbage til kontooversigten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kontooversigt' }).waitFor();
  });

  test('rejected in the app: "Tilbage til Min Bank", the transfer is cancelled, nothing booked', async () => {
    const before = { balance: await balance(lon), bookings: await bookingCount() };
    const code = await transfer(page, '100', 'Afvist');
    app('reject', code);
    await page.getByRole('heading', { level: 1, name: 'Du afviste anmodningen' }).waitFor();
    await expectAccessible(page);
    await press(page, 'Tilbage til Min Bank');
    await notBooked(page, before, /Du godkendte ikke overførslen i MitID/);
    const t = await newestTransfer();
    assert.equal(t.status, 'cancelled');
    assert.equal(t.reason, 'access_denied');
    await page.getByRole('link', { name: 'Tilbage til kontooversigten' }).click();
  });

  test('expired: the approval is not answered in time, nothing booked', async () => {
    const before = { balance: await balance(lon), bookings: await bookingCount() };
    await transfer(page, '200', 'For sent');
    // The time runs out: the authentication's expiry is moved to the past (the box reads it so).
    const newest = await env.data.mitid.db
      .selectFrom('authentications')
      .select('id')
      .where('client_id', '=', 'minbank')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await env.data.mitid.db
      .updateTable('authentications')
      .set({ expires_at: Date.now() - 1000 })
      .where('id', '=', newest.id)
      .execute();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tiden er udløbet' }).waitFor();
    await expectAccessible(page);
    await press(page, 'Tilbage til Min Bank');
    await notBooked(page, before, /Du godkendte ikke overførslen i MitID, eller tiden løb ud/);
    assert.equal((await newestTransfer()).status, 'cancelled');
    await page.getByRole('link', { name: 'Tilbage til kontooversigten' }).click();
  });

  test('the stored transfer changed after the push (another amount): refused, nothing booked', async () => {
    const before = { balance: await balance(lon), bookings: await bookingCount() };
    const code = await transfer(page, '300', 'Ændret');
    const t = await newestTransfer();
    const details = JSON.parse(t.authorization_details);
    details[0].instructedAmount.amount = '3000.00';
    await env.data.bank.db
      .updateTable('transfers')
      .set({
        amount_ore: 300_000,
        authorization_details: JSON.stringify(details),
        text: 'Overfør 3.000,00 kr. til 9999 0055509876. Besked: Ændret',
      })
      .where('id', '=', t.id)
      .execute();
    app('approve', code);
    await notBooked(page, before, /Vi kunne ikke bekræfte din godkendelse fra MitID/);
    const after = await newestTransfer();
    assert.equal(after.status, 'refused');
    assert.equal(after.reason, 'token:authorization_details');
  });
});
