/**
 * Logging in at a service with MitID through the broker (issue 9, "What it must show"): Min Bank's
 * "Log på med MitID" → MitID's Signaturgruppen provider (/op) → the login box → the MitID app in a
 * phone (the PWA, a second browser whose camera sees the box's QR code) → back to the bank. The
 * QR code scanned, the typed code, a rejection in the app, Afbryd in the box, the box in English,
 * the Idura-dialect service Borger, and the incident: a callback URL replayed in another browser.
 * Jonas's first MitID login at the bank also asks for his CPR number (a private service's CPR
 * match; test/browser/cpr-match.test.ts shows it whole).
 *
 * Jonas (a demo customer of Min Bank) gets his MitID as a bank enrollment leaves it at the
 * activation step and activates the app in the phone through its screens. Every page of the path
 * passes axe, and each result is checked in the data: the authentication's row (status, amr,
 * loa), the activity log's row, the bank's session.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import type { SessionDb } from '../../src/platform/http/session.ts';
import { activateAppInPhone, appScreen } from '../support/appPerson.ts';
import { expectAccessible } from '../support/browser.ts';
import { type PhoneWithCamera, phoneWithCamera } from '../support/fakeCamera.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const JONAS = { cpr: '1505831017', userId: 'Jonas Jensen 83', mobile: '+4522446688', pin: '481592' };

let phone: PhoneWithCamera;
/** The MitID app, open in the phone. */
let app: Page;
let identityId = '';
const contexts: BrowserContext[] = [];

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await phone?.close();
});

/** A computer's browser (Danish unless `locale`). */
async function computer(locale = 'da-DK'): Promise<Page> {
  const context = await env.browser.newContext({ locale });
  contexts.push(context);
  return context.newPage();
}

const pressIn = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

/** The bank's front page → "Log på med MitID" → the box: Jonas's user-ID, FORTSÆT → the waiting step. */
async function startAtBank(page: Page, lang: 'da' | 'en' = 'da'): Promise<void> {
  const t =
    lang === 'da'
      ? { login: 'Log på med MitID', title: 'Log på hos Min Bank', userId: 'Bruger-ID', go: 'FORTSÆT' }
      : { login: 'Log in with MitID', title: 'Log on to Min Bank', userId: 'User ID', go: 'CONTINUE' };
  await page.goto(lang === 'da' ? env.system.bankUrl : `${env.system.bankUrl}/?lang=en`);
  await expectAccessible(page);
  await page.getByRole('link', { name: t.login }).click();
  await page.waitForURL(`${env.system.mitidUrl}/op/login/**`);
  await page.getByRole('heading', { level: 1, name: t.title }).waitFor();
  await expectAccessible(page);
  await page.getByRole('textbox', { name: t.userId }).fill(JONAS.userId);
  await pressIn(page, t.go);
  await page.locator('#login-box-wait[data-status="awaiting_channel"]').waitFor();
  await page.locator('#login-box-qr').waitFor();
  await expectAccessible(page);
}

/** The six digits the box shows under "Kan du ikke scanne?". */
async function typedCodeOf(page: Page): Promise<string> {
  const code = page.locator('#login-box-typed');
  if (!(await code.isVisible())) await page.locator('#login-box-code summary').click();
  return (await code.innerText()).replace(/\s/g, '');
}

/** In the app: "Indtast kode" and the box's code → the login is shown. */
async function typeInApp(code: string): Promise<void> {
  await pressIn(app, 'Indtast kode');
  await appScreen(app, 'Indtast koden');
  await app.getByRole('textbox', { name: 'Koden fra MitID-login' }).fill(code);
  await pressIn(app, 'Fortsæt');
}

/** In the app: the login shown (service, action, reference text) is approved, with the PIN if asked. */
async function approveInApp(referenceText: string, service = 'Min Bank'): Promise<void> {
  await appScreen(app, `Log på hos ${service}`);
  await app.getByText(referenceText, { exact: true }).waitFor();
  await pressIn(app, 'Godkend');
  const next = app.getByRole('heading', { level: 1, name: /^(Indtast din PIN-kode|Godkendt)$/ });
  if ((await next.innerText()) !== 'Godkendt') {
    await expectAccessible(app);
    await app.getByLabel('PIN-kode', { exact: true }).fill(JONAS.pin);
    await pressIn(app, 'Godkend');
  }
  await appScreen(app, 'Godkendt');
  await pressIn(app, 'Tilbage til oversigten');
  await appScreen(app, 'MitID');
}

/**
 * Min Bank is a private service: Jonas's first MitID login there asks MitID again for his CPR
 * number (the box's CPR page, the session reused: no new login) and links his uuid.
 */
async function confirmCprAtFirstLogin(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Bekræft dit CPR-nummer' }).waitFor();
  await expectAccessible(page);
  await page
    .getByRole('textbox', { name: 'CPR-nummer' })
    .fill(`${JONAS.cpr.slice(0, 6)}-${JONAS.cpr.slice(6)}`);
  await pressIn(page, 'Bekræft');
}

/** Jonas's newest authentication. */
async function newestAuthentication() {
  return env.data.mitid.db
    .selectFrom('authentications')
    .selectAll()
    .where('identity_id', '=', identityId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

async function activityOf(authenticationId: string) {
  return env.data.mitid.db
    .selectFrom('activity')
    .selectAll()
    .where('authentication_id', '=', authenticationId)
    .execute();
}

/** The bank's live MitID sessions of Jonas. */
async function bankSessions(): Promise<{ cpr: string; method: string; idToken?: string }[]> {
  const rows = await env.data.bank.db
    .selectFrom('sessions')
    .select(['data', 'expires_at'])
    .where('expires_at', '>', Date.now())
    .execute();
  return rows
    .map((r) => JSON.parse(r.data) as { cpr: string; method: string; idToken?: string })
    .filter((s) => s.cpr === JONAS.cpr && s.method === 'mitid');
}

/** The bank's overview after a login, and the data of an approved login. */
async function loggedInAtBank(page: Page, sessionsBefore: number, text = 'Lønkonto'): Promise<void> {
  await page.waitForURL(`${env.system.bankUrl}/oversigt`);
  await page.locator('main').getByText(text).first().waitFor();
  await expectAccessible(page);
  const a = await newestAuthentication();
  assert.equal(a.client_id, 'minbank');
  assert.equal(a.status, 'approved');
  assert.notEqual(a.consumed_at, null, 'the result was consumed by the box');
  assert.equal(a.kind, 'app');
  assert.equal(a.loa, 'substantial');
  assert.ok((JSON.parse(a.amr ?? '[]') as string[]).includes('app'), `amr ${a.amr}`);
  const [activity, ...more] = await activityOf(a.id);
  assert.deepEqual(more, [], 'one activity row per authentication');
  assert.equal(activity?.result, 'approved');
  assert.equal(activity?.client_id, 'minbank');
  assert.equal(activity?.identity_id, identityId);
  assert.equal(activity?.kind, 'app');
  assert.equal(activity?.level, 'substantial');
  const sessions = await bankSessions();
  assert.equal(sessions.length, sessionsBefore + 1, 'the bank started one MitID session');
  assert.ok(
    sessions.every((s) => (s.idToken ?? '').split('.').length === 3),
    'the session keeps the ID token',
  );
}

describe('logging in to Min Bank with MitID', () => {
  test('Jonas activates the MitID app in his phone', async () => {
    phone = await phoneWithCamera(env.system.mitidUrl);
    app = await phone.context.newPage();
    identityId = await activateAppInPhone(env, app, JONAS);
    await app.getByRole('button', { name: 'Scan QR-kode' }).waitFor();
  });

  test('with the QR code: the phone scans the box, Jonas approves, the box moves on to the overview', async () => {
    const before = (await bankSessions()).length;
    const page = await computer();
    await startAtBank(page);
    const box = page.locator('main');
    await box.getByText('Tekst fra Min Bank').waitFor();
    await box.getByText('Log på Min Bank', { exact: true }).waitFor();
    assert.equal((await newestAuthentication()).status, 'awaiting_channel');

    await phone.lookAt(page.locator('#login-box-qr'));
    await pressIn(app, 'Scan QR-kode');
    await app.getByRole('heading', { level: 1, name: 'Scan QR-koden' }).waitFor();
    await expectAccessible(app);
    await approveInApp('Log på Min Bank');
    await confirmCprAtFirstLogin(page);
    await loggedInAtBank(page, before);
    const linked = await env.data.bank.db
      .selectFrom('customers')
      .select('mitid_uuid')
      .where('cpr', '=', JONAS.cpr)
      .executeTakeFirstOrThrow();
    assert.equal(linked.mitid_uuid, identityId, 'the bank linked his MitID uuid');
  });

  test('with the typed code: "Indtast kode" in the app', async () => {
    const before = (await bankSessions()).length;
    const page = await computer();
    await startAtBank(page);
    await typeInApp(await typedCodeOf(page));
    await page.locator('#login-box-wait[data-status="pending"]').waitFor();
    await page.getByText('Godkend i MitID app.').first().waitFor();
    await expectAccessible(page);
    await approveInApp('Log på Min Bank');
    await loggedInAtBank(page, before);
  });

  test('rejected in the app: the box says so, "Tilbage til Min Bank", the bank cancels', async () => {
    const before = (await bankSessions()).length;
    const page = await computer();
    await startAtBank(page);
    await typeInApp(await typedCodeOf(page));
    await appScreen(app, 'Log på hos Min Bank');
    await pressIn(app, 'Afvis');
    await appScreen(app, 'Afvist');
    await pressIn(app, 'Tilbage til oversigten');

    await page.getByRole('heading', { level: 1, name: 'Du afviste anmodningen' }).waitFor();
    await expectAccessible(page);
    await pressIn(page, 'Tilbage til Min Bank');
    await page.waitForURL(`${env.system.bankUrl}/**`);
    await page.getByRole('heading', { level: 1, name: 'Log på mislykkedes' }).waitFor();
    await page.getByText('Du afbrød login. Du kan prøve igen, når du er klar.').waitFor();
    await expectAccessible(page);

    const a = await newestAuthentication();
    assert.equal(a.status, 'rejected');
    assert.equal(a.loa, null);
    const [activity] = await activityOf(a.id);
    assert.equal(activity?.result, 'rejected');
    assert.equal(activity?.kind, 'app');
    assert.equal((await bankSessions()).length, before, 'no session');
  });

  test('Afbryd in the box: the bank gets access_denied and shows its cancel page', async () => {
    const before = (await bankSessions()).length;
    const page = await computer();
    const callbacks: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${env.system.bankUrl}/auth/mitid/callback`)) callbacks.push(r.url());
    });
    await startAtBank(page);
    await pressIn(page, 'Afbryd');
    await page.getByRole('heading', { level: 1, name: 'Log på mislykkedes' }).waitFor();
    await page.getByText('Du afbrød login. Du kan prøve igen, når du er klar.').waitFor();
    await expectAccessible(page);
    assert.equal(callbacks.length, 1);
    assert.equal(new URL(callbacks[0] ?? '').searchParams.get('error'), 'access_denied');

    const a = await newestAuthentication();
    assert.equal(a.status, 'cancelled');
    assert.equal(a.cancel_reason, 'person');
    const [activity] = await activityOf(a.id);
    assert.equal(activity?.result, 'cancelled');
    assert.equal(activity?.cancel_reason, 'person');
    assert.equal((await bankSessions()).length, before, 'no session');
  });

  test('in English: the bank in English gives the box in English', async () => {
    const before = (await bankSessions()).length;
    const page = await computer('en-GB');
    await startAtBank(page, 'en');
    const box = page.locator('main');
    await box.getByText('Open the MitID app and scan the QR code.').first().waitFor();
    await box.getByText('Log on to Min Bank', { exact: true }).last().waitFor();
    await typeInApp(await typedCodeOf(page));
    await approveInApp('Log on to Min Bank');
    await loggedInAtBank(page, before, 'Lønkonto');
    assert.equal((await newestAuthentication()).text, 'Log on to Min Bank');
  });

  test('Borger, the Idura dialect: the typed code, "Dine oplysninger", log out', async () => {
    const borgerUrl = env.system.borgerUrl;
    const borger: Database<SessionDb> = await openDatabase<SessionDb>({
      url: env.system.env.DATABASE_URL ?? 'sqlite',
      dataDir: env.system.dataDir,
      name: 'borger',
    });
    try {
      const sessions = async () =>
        (await borger.db.selectFrom('sessions').select('data').where('expires_at', '>', Date.now()).execute())
          .map((r) => JSON.parse(r.data) as { cpr?: string; uuid?: string })
          .filter((x) => x.cpr === JONAS.cpr);
      const before = (await sessions()).length;
      const page = await computer();
      await page.goto(borgerUrl);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Log på med MitID' }).click();
      await page.waitForURL(`${env.system.mitidUrl}/idura/login/**`);
      await page.getByRole('heading', { level: 1, name: 'Log på hos Borger' }).waitFor();
      await expectAccessible(page);
      await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(JONAS.userId);
      await pressIn(page, 'FORTSÆT');
      await page.locator('#login-box-qr').waitFor();
      await expectAccessible(page);
      await typeInApp(await typedCodeOf(page));
      await approveInApp('Log på Borger', 'Borger');

      await page.waitForURL(`${borgerUrl}/oplysninger`);
      await page.getByRole('heading', { level: 1, name: 'Dine oplysninger' }).waitFor();
      await expectAccessible(page);
      const main = await page.locator('main').innerText();
      assert.match(main, /Jonas Jensen/);
      assert.match(main, /150583-\*{4}|150583\*{4}|150583-xxxx/i, 'the CPR with its last four digits hidden');
      assert.doesNotMatch(main, /1017/, 'the last four digits are not shown');
      const a = await newestAuthentication();
      assert.equal(a.client_id, 'borger');
      assert.equal(a.status, 'approved');
      assert.equal(a.loa, 'substantial');
      assert.equal(a.text, 'Log på Borger');
      const [activity] = await activityOf(a.id);
      assert.equal(activity?.result, 'approved');
      assert.equal(activity?.client_id, 'borger');
      const mine = await sessions();
      assert.equal(mine.length, before + 1, 'Borger started one session');

      // Log af: Borger ends its session and sends the browser to MitID's end session, which asks.
      await pressIn(page, 'Log af');
      await page.waitForURL(`${env.system.mitidUrl}/idura/oauth2/logout**`);
      await page.getByText('Vil du logge ud af MitID hos Borger?').waitFor();
      await expectAccessible(page);
      assert.equal((await sessions()).length, before, 'the session is ended');
      await pressIn(page, 'Log ud');
      await page.waitForURL(`${borgerUrl}/**`);
      await page.getByRole('heading', { level: 1, name: 'Velkommen til Borger' }).waitFor();
      await expectAccessible(page);
      await page.goto(`${borgerUrl}/oplysninger`);
      assert.equal(new URL(page.url()).pathname, '/', 'logged out');
    } finally {
      await borger.close();
    }
  });

  test('the incident: a callback URL replayed in another browser gets no session', async () => {
    const before = (await bankSessions()).length;
    const page = await computer();
    // The callback URL leaks (a log, a shared link): the code and state in it are all a thief has.
    const callbacks: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${env.system.bankUrl}/auth/mitid/callback`)) callbacks.push(r.url());
    });
    await startAtBank(page);
    await typeInApp(await typedCodeOf(page));
    await approveInApp('Log på Min Bank');
    await loggedInAtBank(page, before);
    const [leaked] = callbacks;
    assert.match(leaked ?? '', /[?&]code=.*&state=|[?&]state=.*&code=/);

    const thief = await computer();
    await thief.goto(leaked ?? '');
    await thief.getByRole('heading', { level: 1, name: 'Log på mislykkedes' }).waitFor();
    await thief.getByText(/Dette login blev ikke startet i denne browser/).waitFor();
    await expectAccessible(thief);
    await thief.goto(`${env.system.bankUrl}/oversigt`);
    assert.notEqual(new URL(thief.url()).pathname, '/oversigt', 'the thief is not logged in');
    assert.equal((await bankSessions()).length, before + 1, 'no session from the replay');

    // Replayed in Jonas's own browser too: the login was used once, no second session.
    const again = await page.context().newPage();
    await again.goto(leaked ?? '');
    await again.getByRole('heading', { level: 1, name: 'Log på mislykkedes' }).waitFor();
    assert.equal((await bankSessions()).length, before + 1, 'no session from a second use');
  });
});
