/**
 * The MitID app on a phone, as the guide tells it: MitID through Min Bank up to the activation
 * code, then the whole activation in the app (user-ID → activation code → temporary PIN from the
 * SMS → PIN twice → notifications → biometrics where offered); approving by swiping and with the
 * PIN, rejecting, the PIN blocked after wrong tries; biometrics with Chromium's virtual
 * authenticator; two users in one app (biometrics then off) and a new device by a transfer code.
 * Each step is checked in the data, and every screen passes axe.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expectAccessible } from '../support/browser.ts';
import { nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { latestCode, outbox } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const JONAS = {
  nemid: 'Jonas1983',
  cpr: '1505831017',
  mobile: '20304050',
  userId: 'J()nas Jen5en',
  pin: '482915',
};
const KAREN = {
  nemid: '0202612046',
  cpr: '0202612046',
  mobile: '30405060',
  userId: 'Karen Hansen',
  pin: '730184',
};
type Person = typeof JONAS;

/** Min Bank → MitID with the app, up to the activation code shown once in the net bank. */
async function activationCodeFromBank(p: Person): Promise<string> {
  const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med NemID' }).click();
  await nemidPassword(page, p.nemid);
  await nemidKeyCode(page, env.data, p.nemid);
  await page.waitForURL(`${env.system.bankUrl}/oversigt`);
  await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
  await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
  await page.getByLabel('App', { exact: true }).check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
  await page.getByLabel('Indtast dit mobilnummer').fill(p.mobile);
  await page.getByRole('button', { name: 'Send valideringskode', exact: true }).first().click();
  await page.getByText('Valideringskode er sendt til dit mobilnummer').waitFor();
  await page
    .getByLabel('Indtast valideringskode fra SMS')
    .fill(await latestCode(env.system, `+45${p.mobile}`));
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.getByText('er bekræftet').first().waitFor();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
  await page.getByLabel('Bruger-ID', { exact: true }).fill(p.userId);
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
  await page.getByRole('button', { name: 'Jeg har hentet appen – FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
  await page.getByRole('button', { name: 'Vis aktiveringskode' }).click();
  const code = (await page.locator('.activation-code').innerText()).replace(/\s/g, '');
  assert.match(code, /^\d{8}$/);
  await page.context().close();
  return code;
}

async function phone(): Promise<BrowserContext> {
  return env.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'da-DK',
    permissions: ['notifications'],
  });
}

let shot = 0;

/** A screen is shown when its heading is; every screen must pass axe. APP_SCREENSHOTS=<dir> keeps a picture of each. */
async function screen(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
  const dir = process.env.APP_SCREENSHOTS;
  if (dir) {
    const name = String(heading).replace(/[^a-zæøå0-9]+/gi, '-');
    await page.screenshot({
      path: path.join(dir, `${String(++shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  }
}

const press = (page: Page, name: string): Promise<void> =>
  page.getByRole('button', { name, exact: true }).click();

/** The temporary PIN from the newest SMS to the person. */
async function temporaryPinSms(p: Person): Promise<string> {
  const [sms] = await outbox(env.system, `+45${p.mobile}`);
  const m = /\b(\d{8})\b/.exec(sms?.body ?? '');
  assert.ok(m?.[1], `no temporary PIN in "${sms?.body}"`);
  return m[1];
}

/** From the temporary PIN screen to the notifications' "Accepter", right answers only. */
async function temporaryPinToNotifications(page: Page, p: Person): Promise<void> {
  await screen(page, 'Indtast den midlertidige PIN-kode');
  await page.getByRole('textbox', { name: 'Midlertidig PIN-kode' }).fill(await temporaryPinSms(p));
  await press(page, 'FORTSÆT');
  await screen(page, 'Vælg din personlige PIN-kode');
  await page.getByLabel('PIN-kode (6 cifre)').fill(p.pin);
  await press(page, 'FORTSÆT');
  await screen(page, 'Genindtast din personlige PIN-kode');
  await page.getByLabel('PIN-kode igen').fill(p.pin);
  await press(page, 'FORTSÆT');
  await screen(page, 'Notifikationer');
  await press(page, 'Accepter notifikationer');
}

async function identityOf(cpr: string) {
  return env.data.mitid.db
    .selectFrom('identities')
    .selectAll()
    .where('cpr', '=', cpr)
    .executeTakeFirstOrThrow();
}

async function devicesOf(cpr: string) {
  const identity = await identityOf(cpr);
  // The app's device as the tests knew it before issue 8, from its authenticator, PIN and person.
  return env.data.mitid.db
    .selectFrom('app_devices as d')
    .innerJoin('authenticators as a', 'a.id', 'd.authenticator_id')
    .innerJoin('app_pins as p', 'p.authenticator_id', 'd.authenticator_id')
    .innerJoin('identities as i', 'i.id', 'a.identity_id')
    .selectAll('d')
    .select([
      'a.id',
      'a.label as name',
      sql<string>`case a.status when 'revoked' then 'removed' else a.status end`.as('status'),
      'i.notify_every_use',
      'p.failures as pin_failures',
      'p.blocked_until as pin_blocked_until',
    ])
    .where('a.identity_id', '=', identity.id)
    .orderBy('a.created_at')
    .execute();
}

/** A request from Min Bank through the service API (Basic auth with the bank's client secret). */
async function createTransaction(body: Record<string, string>): Promise<string> {
  const secrets = JSON.parse(readFileSync(path.join(env.system.dataDir, 'secrets.json'), 'utf8')) as {
    bankClientSecret: string;
  };
  const res = await fetch(`${env.system.mitidUrl}/api/transactions`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`minbank:${secrets.bankClientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ serviceName: 'Min Bank', ...body }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { transactionId: string }).transactionId;
}

async function transaction(id: string) {
  // The authentication with the app transaction's decision columns of before issue 8.
  return env.data.mitid.db
    .selectFrom('authentications')
    .selectAll()
    .select([
      'authenticator_id as decided_by',
      sql<
        string | null
      >`case when amr like '%"pin"%' then 'pin' when amr like '%"biometrics"%' then 'biometrics'
        when amr is not null then 'none' else null end`.as('method'),
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const sessions = new WeakMap<Page, CDPSession>();

/** One DevTools session per page: detaching a second one would drop the virtual authenticator. */
async function cdpOf(page: Page): Promise<CDPSession> {
  const known = sessions.get(page);
  if (known) return known;
  const session = await page.context().newCDPSession(page);
  sessions.set(page, session);
  return session;
}

/** Swipes the approval thumb with a finger (touch events through CDP), `fraction` of the way. */
async function swipe(page: Page, fraction: number): Promise<void> {
  const thumb = await page.locator('.app-swipe-thumb').boundingBox();
  const track = await page.locator('.app-swipe-track').boundingBox();
  assert.ok(thumb && track);
  const cdp = await cdpOf(page);
  const y = thumb.y + thumb.height / 2;
  const x0 = thumb.x + thumb.width / 2;
  const x1 = x0 + (track.width - thumb.width) * fraction;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: x0 + ((x1 - x0) * i) / 10, y }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The request shows in the overview (the app fetches it on its own) and is opened. */
async function openRequest(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await screen(page, label);
}

let jonasPhone: Page;

describe('the MitID app on a phone', () => {
  test('Jonas activates the app after getting MitID in Min Bank', async () => {
    const code = await activationCodeFromBank(JONAS);
    const page = await (await phone()).newPage();
    jonasPhone = page;
    // 1. Open the app.
    await page.goto(`${env.system.mitidUrl}/app`);
    await screen(page, 'Velkommen til MitID app');
    await press(page, 'Aktivér MitID app');
    // 2. The user-ID.
    await screen(page, 'Indtast dit bruger-ID');
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(JONAS.userId);
    await press(page, 'FORTSÆT');
    // 3. The activation code from the net bank; a wrong one first.
    await screen(page, 'Indtast aktiveringskoden');
    await page
      .getByRole('textbox', { name: 'Aktiveringskode' })
      .fill(code === '00000000' ? '11111111' : '00000000');
    await press(page, 'FORTSÆT');
    await page.getByRole('link', { name: 'Aktiveringskoden er forkert. Du har 2 forsøg tilbage.' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Aktiveringskode' }).fill(code);
    await press(page, 'FORTSÆT');
    // 4. The temporary PIN by SMS; 5. typed in, a wrong one first.
    await screen(page, 'Indtast den midlertidige PIN-kode');
    await page.getByText('Vi har sendt en midlertidig PIN-kode på SMS til +45 •• •• 40 50.').waitFor();
    const temporaryPin = await temporaryPinSms(JONAS);
    await page
      .getByRole('textbox', { name: 'Midlertidig PIN-kode' })
      .fill(temporaryPin === '12345678' ? '87654321' : '12345678');
    await press(page, 'FORTSÆT');
    await page
      .getByRole('link', { name: /Den midlertidige PIN-kode er forkert. Du har 2 forsøg tilbage/ })
      .waitFor();
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Midlertidig PIN-kode' }).fill(temporaryPin);
    await press(page, 'FORTSÆT');
    // 6. The personal PIN: an easy one is refused on the phone; 7. typed again, a slip first.
    await screen(page, 'Vælg din personlige PIN-kode');
    await page.getByLabel('PIN-kode (6 cifre)').fill('123456');
    await press(page, 'FORTSÆT');
    await page.getByRole('link', { name: /Vælg en PIN-kode, der er svær at gætte/ }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('PIN-kode (6 cifre)').fill(JONAS.pin);
    await press(page, 'FORTSÆT');
    await screen(page, 'Genindtast din personlige PIN-kode');
    await page.getByLabel('PIN-kode igen').fill('482916');
    await press(page, 'FORTSÆT');
    await page.getByRole('link', { name: 'PIN-koderne er ikke ens. Vælg din PIN-kode igen.' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('PIN-kode (6 cifre)').fill(JONAS.pin);
    await press(page, 'FORTSÆT');
    await screen(page, 'Genindtast din personlige PIN-kode');
    await page.getByLabel('PIN-kode igen').fill(JONAS.pin);
    await press(page, 'FORTSÆT');
    // 8. Notifications, with a message every time MitID is used.
    await screen(page, 'Notifikationer');
    await page.getByLabel('Giv mig også besked, hver gang mit MitID bliver brugt').check();
    await press(page, 'Accepter notifikationer');
    // 9. No platform authenticator on this phone: biometrics are not offered.
    await screen(page, 'MitID app er aktiveret');
    const ready = await page.locator('main').innerText();
    assert.match(ready, /Nu er du klar til at bruge MitID som J\(\)nas Jen5en/);
    assert.match(ready, /Sådan bruger du MitID app[\s\S]*Find en god plads[\s\S]*flere enheder/);

    const identity = await identityOf(JONAS.cpr);
    assert.equal(identity.status, 'active');
    const [device, ...more] = await devicesOf(JONAS.cpr);
    assert.equal(more.length, 0);
    assert.equal(device?.status, 'active');
    assert.equal(device?.notify_every_use, 1);
    assert.match(device?.name ?? '', /^MitID app i Chrome på /);
    const jwk = JSON.parse(device?.public_key ?? '{}') as Record<string, string>;
    assert.deepEqual(Object.keys(jwk).sort(), ['crv', 'kty', 'x', 'y'], 'only the public key left the phone');
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('mitid-app');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const users = await new Promise<{ deviceId: string; userId: string; privateKey: CryptoKey }[]>(
        (resolve) => {
          const req = db.transaction('users').objectStore('users').getAll();
          req.onsuccess = () => resolve(req.result);
        },
      );
      db.close();
      return users.map((u) => ({
        deviceId: u.deviceId,
        userId: u.userId,
        extractable: u.privateKey.extractable,
        type: u.privateKey.type,
        curve: (u.privateKey.algorithm as EcKeyAlgorithm).namedCurve,
      }));
    });
    assert.deepEqual(stored, [
      { deviceId: device?.id, userId: JONAS.userId, extractable: false, type: 'private', curve: 'P-256' },
    ]);
    const enrollment = await env.data.mitid.db
      .selectFrom('enrollments')
      .select('open')
      .where('cpr', '=', JONAS.cpr)
      .executeTakeFirstOrThrow();
    assert.equal(enrollment.open, 0, 'the enrollment waiting at activation has ended');
    const sms = await outbox(env.system, `+45${JONAS.mobile}`);
    assert.match(sms[0]?.body ?? '', /MitID app er aktiveret på en ny enhed/);
    assert.ok(!env.system.output().includes(JONAS.pin), 'the PIN is in no log');
    assert.ok(!JSON.stringify(device).includes(JONAS.pin));

    await press(page, 'Gå til MitID app');
    await screen(page, 'MitID');
    await page.getByText('Der er ingen anmodninger lige nu.').waitFor();
    await expectAccessible(page);
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    assert.equal(worker, `${env.system.mitidUrl}/app/sw.js`);
  });

  test('Jonas logs in by swiping, approves a transfer with his PIN, and rejects what he did not start', async () => {
    const page = jonasPhone;
    // A login at substantial level: swipe, no PIN.
    const login = await createTransaction({ userId: JONAS.userId, action: 'login', text: 'Log på Min Bank' });
    await openRequest(page, 'Log på hos Min Bank');
    const shown = await page.locator('main').innerText();
    assert.match(shown, /Bruger-ID: J\(\)nas Jen5en/);
    assert.match(shown, /Tekst fra Min Bank:\s*Log på Min Bank/);
    assert.match(shown, /Tjek, at teksten svarer til det, du ønsker at gøre/);
    // Half a swipe slides back and decides nothing.
    await swipe(page, 0.5);
    await page.waitForTimeout(300);
    assert.equal((await transaction(login)).status, 'pending');
    await swipe(page, 1);
    await screen(page, 'Godkendt');
    assert.match(await page.locator('main').innerText(), /Du har godkendt anmodningen fra Min Bank/);
    const approvedLogin = await transaction(login);
    assert.equal(approvedLogin.status, 'approved');
    assert.equal(approvedLogin.method, 'none');
    await press(page, 'Tilbage til oversigten');

    // A transfer needs the PIN: the Godkend button (the accessible alternative to swiping).
    const text = 'Overfør 1.250,00 kr. til 9999 0087654321';
    const transfer = await createTransaction({
      userId: JONAS.userId,
      action: 'approve',
      text,
      level: 'high',
    });
    await openRequest(page, 'Godkend hos Min Bank');
    assert.equal(await page.locator('.app-tx-text').innerText(), text, 'shown exactly as the bank sent it');
    // Drawn isolated and left to right; the service's name in its own left-to-right isolate.
    const drawn = await page.locator('.app-tx-text').evaluate((el) => ({
      dir: el.getAttribute('dir'),
      direction: getComputedStyle(el).direction,
      unicodeBidi: getComputedStyle(el).unicodeBidi,
    }));
    assert.deepEqual(drawn, { dir: 'ltr', direction: 'ltr', unicodeBidi: 'isolate' });
    for (const where of ['#tx-title', '.app-tx-text-label']) {
      const name = page.locator(`[data-screen="tx"] ${where} bdi[dir="ltr"]`);
      assert.equal(await name.innerText(), 'Min Bank', where);
      assert.equal(await name.evaluate((el) => getComputedStyle(el).unicodeBidi), 'isolate', where);
    }
    await page.getByText('Denne handling kræver din PIN-kode eller biometri.').waitFor();
    await press(page, 'Godkend');
    await screen(page, 'Indtast din PIN-kode');
    await page.getByLabel('PIN-kode', { exact: true }).fill('999999');
    await press(page, 'Godkend');
    await page.getByRole('link', { name: 'Forkert PIN-kode. Du har 2 forsøg tilbage.' }).waitFor();
    await expectAccessible(page);
    assert.equal((await transaction(transfer)).status, 'pending');
    await page.getByLabel('PIN-kode', { exact: true }).fill(JONAS.pin);
    await press(page, 'Godkend');
    await screen(page, 'Godkendt');
    const approvedTransfer = await transaction(transfer);
    assert.equal(approvedTransfer.status, 'approved');
    assert.equal(approvedTransfer.method, 'pin');
    assert.equal((await devicesOf(JONAS.cpr))[0]?.pin_failures, 0, 'a right PIN resets the count');
    await press(page, 'Tilbage til oversigten');

    // Something he did not start: Afvis.
    const strange = await createTransaction({
      userId: JONAS.userId,
      action: 'approve',
      text: 'Overfør 25.000,00 kr. til 9999 1111111111',
      level: 'high',
    });
    await openRequest(page, 'Godkend hos Min Bank');
    await press(page, 'Afvis');
    await screen(page, 'Afvist');
    const rejected = await transaction(strange);
    assert.equal(rejected.status, 'rejected');
    await press(page, 'Tilbage til oversigten');
    await page.getByText('Der er ingen anmodninger lige nu.').waitFor();
  });

  test('three wrong PINs block the PIN, and the app says until when', async () => {
    const page = jonasPhone;
    await createTransaction({
      userId: JONAS.userId,
      action: 'sign',
      text: 'Underskriv lånedokument 42',
      level: 'high',
    });
    await openRequest(page, 'Underskriv hos Min Bank');
    await press(page, 'Godkend');
    await screen(page, 'Indtast din PIN-kode');
    for (const left of [2, 1]) {
      await page.getByLabel('PIN-kode', { exact: true }).fill('000111');
      await press(page, 'Godkend');
      await page.getByRole('link', { name: `Forkert PIN-kode. Du har ${left} forsøg tilbage.` }).waitFor();
    }
    await page.getByLabel('PIN-kode', { exact: true }).fill('000111');
    await press(page, 'Godkend');
    await screen(page, 'Din PIN-kode er spærret');
    assert.match(
      await page.locator('main').innerText(),
      /Du kan prøve igen efter kl\. (?:\d{1,2}\. [a-zæøå]+ )?\d\d[.:]\d\d/,
    );
    await press(page, 'Tilbage til oversigten');
    await openRequest(page, 'Underskriv hos Min Bank');
    await press(page, 'Godkend');
    await page.getByLabel('PIN-kode', { exact: true }).fill(JONAS.pin);
    await press(page, 'Godkend');
    await screen(page, 'Din PIN-kode er spærret');
    assert.match(
      await page.locator('main').innerText(),
      /Du kan prøve igen efter kl\. (?:\d{1,2}\. [a-zæøå]+ )?\d\d[.:]\d\d/,
    );
    const [device] = await devicesOf(JONAS.cpr);
    assert.equal(device?.pin_failures, 3);
    assert.ok(Number(device?.pin_blocked_until) > Date.now());
    await press(page, 'Tilbage til oversigten');
  });

  let karenPhone: Page;

  test('Karen turns on biometrics and approves with them (a virtual authenticator)', async () => {
    const code = await activationCodeFromBank(KAREN);
    const context = await phone();
    const page = await context.newPage();
    karenPhone = page;
    const cdp = await cdpOf(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${env.system.mitidUrl}/app`);
    await screen(page, 'Velkommen til MitID app');
    await press(page, 'Aktivér MitID app');
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(KAREN.userId);
    await press(page, 'FORTSÆT');
    await screen(page, 'Indtast aktiveringskoden');
    await page.getByRole('textbox', { name: 'Aktiveringskode' }).fill(code);
    await press(page, 'FORTSÆT');
    await temporaryPinToNotifications(page, KAREN);
    await screen(page, 'Ansigtsgenkendelse eller fingeraftryk');
    await press(page, 'Aktivér biometri');
    await screen(page, 'MitID app er aktiveret');
    const [device] = await devicesOf(KAREN.cpr);
    assert.ok(device?.webauthn_credential_id, 'the credential is stored for the device');
    await press(page, 'Gå til MitID app');

    const tx = await createTransaction({
      userId: KAREN.userId,
      action: 'approve',
      text: 'Overfør 300,00 kr. til 9999 0011223344',
      level: 'high',
    });
    await openRequest(page, 'Godkend hos Min Bank');
    await swipe(page, 1);
    await screen(page, 'Godkendt');
    const approved = await transaction(tx);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.method, 'biometrics');
    await press(page, 'Tilbage til oversigten');
  });

  test('Karen’s app gets a second user, Jonas, by a transfer code from his phone; biometrics go off', async () => {
    // Jonas's phone shows a transfer code and its QR code in the settings.
    await press(jonasPhone, 'Indstillinger');
    await screen(jonasPhone, 'Indstillinger');
    await press(jonasPhone, `Vis overførselskode for ${JONAS.userId}`);
    await screen(jonasPhone, 'Overfør til en ny enhed');
    await jonasPhone.getByRole('img', { name: `QR-kode med overførselskoden til ${JONAS.userId}` }).waitFor();
    const transferCode = await jonasPhone.locator('[data-slot="transfer-code"]').innerText();
    assert.match(transferCode, /^\d{4}-\d{4}$/);

    // Karen's app: Indstillinger → Tilføj bruger → from another device.
    const page = karenPhone;
    await press(page, 'Indstillinger');
    await screen(page, 'Indstillinger');
    assert.match(await page.locator('main').innerText(), /Biometri er slået til/);
    await press(page, 'Tilføj bruger');
    await screen(page, 'Tilføj bruger');
    await press(page, 'Jeg har MitID app på en anden enhed');
    await screen(page, 'Indtast dit bruger-ID');
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(KAREN.userId);
    await press(page, 'FORTSÆT');
    await page.getByRole('link', { name: 'Dette bruger-ID er allerede aktiveret i denne app.' }).waitFor();
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(JONAS.userId);
    await press(page, 'FORTSÆT');
    await screen(page, 'Tilføj fra en anden enhed');
    await page.getByRole('textbox', { name: 'Overførselskode' }).fill(transferCode);
    await press(page, 'FORTSÆT');
    const jonasPin = '615243';
    await temporaryPinToNotifications(page, { ...JONAS, pin: jonasPin });
    // Two users: biometrics are not offered.
    await screen(page, 'MitID app er aktiveret');
    await press(page, 'Gå til MitID app');
    await screen(page, 'MitID');
    assert.deepEqual(await page.getByLabel('Bruger', { exact: true }).locator('option').allInnerTexts(), [
      KAREN.userId,
      JONAS.userId,
    ]);

    const jonasDevices = await devicesOf(JONAS.cpr);
    assert.equal(jonasDevices.length, 2);
    assert.ok(jonasDevices.every((d) => d.status === 'active'));
    assert.equal(jonasDevices[1]?.users_in_app, 2);
    const [karenDevice] = await devicesOf(KAREN.cpr);
    assert.equal(karenDevice?.users_in_app, 2);
    assert.equal(karenDevice?.webauthn_credential_id, null, 'biometrics are off with two users');
    const sms = (await outbox(env.system, `+45${JONAS.mobile}`)).filter((m) =>
      /aktiveret på en ny enhed/.test(m.body),
    );
    assert.equal(sms.length, 2, 'Jonas is told about his second device');

    await press(page, 'Indstillinger');
    await screen(page, 'Indstillinger');
    assert.match(
      await page.locator('main').innerText(),
      /Biometri kan ikke bruges, når der er flere brugere i appen/,
    );
    await press(page, 'Tilbage');

    // Karen's transfer now takes her PIN; Jonas's request waits under his name.
    const forKaren = await createTransaction({
      userId: KAREN.userId,
      action: 'approve',
      text: 'Overfør 99,00 kr. til 9999 0011223344',
      level: 'high',
    });
    const forJonas = await createTransaction({
      userId: JONAS.userId,
      action: 'login',
      text: 'Log på Min Bank',
    });
    await page.getByText(`Der venter også noget til: ${JONAS.userId}.`).waitFor();
    await openRequest(page, 'Godkend hos Min Bank');
    await press(page, 'Godkend');
    await screen(page, 'Indtast din PIN-kode');
    assert.equal(await page.getByRole('button', { name: 'Brug biometri' }).isVisible(), false);
    await page.getByLabel('PIN-kode', { exact: true }).fill(KAREN.pin);
    await press(page, 'Godkend');
    await screen(page, 'Godkendt');
    assert.equal((await transaction(forKaren)).method, 'pin');
    await press(page, 'Tilbage til oversigten');
    await page.getByLabel('Bruger', { exact: true }).selectOption({ label: JONAS.userId });
    await openRequest(page, 'Log på hos Min Bank');
    assert.match(await page.locator('main').innerText(), /Bruger-ID: J\(\)nas Jen5en/);
    await press(page, 'Afvis');
    await screen(page, 'Afvist');
    assert.equal((await transaction(forJonas)).status, 'rejected');
    assert.equal((await transaction(forJonas)).decided_by, jonasDevices[1]?.id);
  });

  test('Jonas is removed from Karen’s app again: his device goes, and she has one user', async () => {
    const page = karenPhone;
    await press(page, 'Indstillinger');
    await screen(page, 'Indstillinger');
    await press(page, `Fjern ${JONAS.userId} fra denne app`);
    await screen(page, 'Fjern bruger');
    await press(page, 'Fjern bruger');
    await screen(page, 'Indstillinger');
    await page.getByText(`${JONAS.userId} er fjernet fra denne app.`).waitFor();
    assert.equal(await page.getByRole('heading', { name: JONAS.userId }).count(), 0);
    const jonasDevices = await devicesOf(JONAS.cpr);
    assert.deepEqual(
      jonasDevices.map((d) => d.status),
      ['active', 'removed'],
    );
    const [karenDevice] = await devicesOf(KAREN.cpr);
    assert.equal(karenDevice?.users_in_app, 1);
    // One user again: biometrics may be turned on again.
    await press(page, 'Aktivér biometri');
    await page.getByText('Biometri er slået til.').waitFor();
    assert.ok((await devicesOf(KAREN.cpr))[0]?.webauthn_credential_id);
  });
});
