/**
 * One MitID session for the demo services (decision 0013 §3, §4), as a person meets it: Jonas logs
 * in at Min Bank with the MitID app (the typed code); Borger (another origin, the Idura dialect,
 * the same SSO group "demo") then logs him in without a word typed; Min Bank's "Kortoplysninger"
 * needs level High, so MitID asks again: no user-ID and no QR, only the app and its PIN; logging
 * out at Min Bank ends the MitID session, and MitID's back-channel logout ends Borger's session
 * too. Every page passes axe, and each result is checked in the services' databases.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { CustomerStore } from '../../src/services/bank/customerStore.ts';
import type { BorgerDb } from '../../src/services/borger/db/schema.ts';
import { activateAppInPhone, appScreen } from '../support/appPerson.ts';
import { expectAccessible } from '../support/browser.ts';
import { type PhoneWithCamera, phoneWithCamera } from '../support/fakeCamera.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const JONAS = { cpr: '1505831017', userId: 'Jonas Jensen 83', mobile: '+4522446688', pin: '481592' };

let phone: PhoneWithCamera;
let app: Page;
let context: BrowserContext;
let page: Page;
let borgerDb: Database<BorgerDb>;
let identityId = '';

after(async () => {
  await context?.close().catch(() => undefined);
  await phone?.close();
  await borgerDb?.close();
});

const pressIn = (p: Page, name: string) => p.getByRole('button', { name, exact: true }).click();

/** Jonas's live sessions in a service's database (its data names him by CPR). */
async function sessionsOf(
  db: Database<BorgerDb>,
): Promise<{ data: Record<string, unknown>; sid: string | null }[]> {
  const rows = await db.db
    .selectFrom('sessions')
    .select(['data', 'mitid_sid'])
    .where('expires_at', '>', Date.now())
    .execute();
  return rows
    .map((r) => ({ data: JSON.parse(r.data) as Record<string, unknown>, sid: r.mitid_sid ?? null }))
    .filter((s) => s.data.cpr === JONAS.cpr);
}

/** The bank's database, for its sessions table (the same table as Borger's). */
const bankDb = () => env.data.bank as unknown as Database<BorgerDb>;

/** In the app, on its home screen: the request of `service`, approved; returns whether the PIN was asked. */
async function approveFromHome(service: string): Promise<boolean> {
  await app.getByRole('button', { name: new RegExp(`Log på hos ${service}`) }).click({ timeout: 15_000 });
  await appScreen(app, `Log på hos ${service}`);
  await pressIn(app, 'Godkend');
  const next = app.getByRole('heading', { level: 1, name: /^(Indtast din PIN-kode|Godkendt)$/ });
  const pin = (await next.innerText()) !== 'Godkendt';
  if (pin) {
    await expectAccessible(app);
    await app.getByLabel('PIN-kode', { exact: true }).fill(JONAS.pin);
    await pressIn(app, 'Godkend');
  }
  await appScreen(app, 'Godkendt');
  await pressIn(app, 'Tilbage til oversigten');
  await appScreen(app, 'MitID');
  return pin;
}

describe('one MitID session: SSO between Min Bank and Borger, step-up, back-channel logout', () => {
  test('Jonas activates the MitID app in his phone', async () => {
    phone = await phoneWithCamera(env.system.mitidUrl);
    app = await phone.context.newPage();
    identityId = await activateAppInPhone(env, app, JONAS);
    // His identity is proved at level High (as with a passport's chip), so a step-up can reach it.
    await env.data.mitid.db
      .updateTable('identities')
      .set({ ial: 'high' })
      .where('id', '=', identityId)
      .execute();
    // Min Bank knows his MitID already (the first login's CPR match is cpr-match.test.ts').
    assert.ok(await new CustomerStore(env.data.bank.db).linkMitidUuid(JONAS.cpr, identityId));
    borgerDb = await openDatabase<BorgerDb>({
      url: env.system.env.DATABASE_URL ?? 'sqlite',
      dataDir: env.system.dataDir,
      name: 'borger',
    });
  });

  test('logged in at Min Bank with the app, Borger logs him in without typing anything', async () => {
    context = await env.browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
    await page.goto(env.system.bankUrl);
    await page.getByRole('link', { name: 'Log på med MitID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/op/login/**`);
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(JONAS.userId);
    await pressIn(page, 'FORTSÆT');
    const code = page.locator('#login-box-typed');
    if (!(await code.isVisible())) await page.locator('#login-box-code summary').click();
    const typed = (await code.innerText()).replace(/\s/g, '');
    await pressIn(app, 'Indtast kode');
    await appScreen(app, 'Indtast koden');
    await app.getByRole('textbox', { name: 'Koden fra MitID-login' }).fill(typed);
    await pressIn(app, 'Fortsæt');
    await appScreen(app, 'Log på hos Min Bank');
    await pressIn(app, 'Godkend');
    await appScreen(app, 'Godkendt');
    await pressIn(app, 'Tilbage til oversigten');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await expectAccessible(page);
    const [bankSession] = await sessionsOf(bankDb());
    assert.ok(bankSession?.sid, "the bank keeps the MitID session's sid");

    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(env.system.borgerUrl);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log på med MitID' }).click();
    await page.waitForURL(`${env.system.borgerUrl}/oplysninger`);
    await page.getByRole('heading', { level: 1, name: 'Dine oplysninger' }).waitFor();
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Jonas Jensen/);
    assert.ok(!requests.some((u) => u.includes('/idura/login/')), 'no login box on the way');
    const [borgerSession] = await sessionsOf(borgerDb);
    assert.ok(borgerSession?.sid, "Borger keeps the MitID session's sid");
    assert.notEqual(borgerSession.sid, bankSession.sid, 'a sid per service');
  });

  test("Min Bank's card details need High: MitID asks only for the app and its PIN", async () => {
    await page.goto(`${env.system.bankUrl}/kort`);
    await page.getByRole('heading', { level: 1, name: 'Kortoplysninger' }).waitFor();
    await expectAccessible(page);
    assert.equal(await page.locator('#card-number').count(), 0, 'no card at Substantial');
    await page.getByRole('link', { name: 'Bekræft med MitID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/op/login/**`);
    await page.getByText('Åbn MitID-appen og godkend med din PIN-kode').first().waitFor();
    await expectAccessible(page);
    assert.equal(await page.getByRole('textbox', { name: 'Bruger-ID' }).count(), 0, 'no user-ID');
    assert.equal(await page.locator('#login-box-qr, #login-box-typed').count(), 0, 'no QR and no code');

    const pinAsked = await approveFromHome('Min Bank');
    assert.ok(pinAsked, 'the app asked for the PIN');
    await page.waitForURL(`${env.system.bankUrl}/kort`);
    await page.locator('#card-number').waitFor();
    await expectAccessible(page);
    const a = await env.data.mitid.db
      .selectFrom('authentications')
      .select(['loa', 'requested_level', 'channel_verified_at', 'created_at'])
      .where('identity_id', '=', identityId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(a.requested_level, 'high');
    assert.equal(a.loa, 'high');
    assert.equal(a.channel_verified_at, a.created_at, 'the channel was the session: no QR or code');
  });

  test("logging out at Min Bank ends the MitID session, and Borger's session by the back channel", async () => {
    assert.equal((await sessionsOf(borgerDb)).length, 1);
    await pressIn(page, 'Log af');
    await page.waitForURL(`${env.system.mitidUrl}/op/connect/endsession**`);
    await page.getByText('Vil du logge ud af MitID hos Min Bank?').waitFor();
    await expectAccessible(page);
    await pressIn(page, 'Log ud');
    await page.waitForURL(`${env.system.bankUrl}/**`);
    await expectAccessible(page);
    assert.equal((await sessionsOf(bankDb())).length, 0, 'no bank session');
    // The back channel: MitID posts Borger a logout token, which ends its session of that sid.
    const deadline = Date.now() + 15_000;
    while ((await sessionsOf(borgerDb)).length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal((await sessionsOf(borgerDb)).length, 0, "Borger's session is gone");
    const jtis = await borgerDb.db.selectFrom('oidc_logout_jtis').select('jti').execute();
    assert.equal(jtis.length, 1, 'Borger took one logout token');
    await page.goto(`${env.system.borgerUrl}/oplysninger`);
    assert.equal(new URL(page.url()).pathname, '/', 'logged out at Borger too');
    await expectAccessible(page);
  });
});
