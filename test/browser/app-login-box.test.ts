/**
 * The MitID app (PWA, phone-sized) and a login started in a browser (issue 9 items 3 and 6): the
 * app shows nothing until it proves the login box's screen; with the typed code (a wrong one is
 * refused at the field), from the phone's browser through /app#channel=<QR text> (then "Gå
 * tilbage til browseren"), and with the scanner: the rear camera's <video> fed by getUserMedia,
 * decoded a few times a second. The camera here is a canvas stream showing the QR code of the
 * current second (the test's getUserMedia; the app's code is the same as with a camera). The
 * browser-bound logins are made as the login box makes them (Authentications.create with a
 * channel secret). Every screen passes axe.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { loadConfig } from '../../src/config/config.ts';
import {
  Authentications,
  type ChannelCandidate,
  qrPayload,
  typedCode,
} from '../../src/core/authentications/index.ts';
import { activationCodeSms, deriveCodeKey, OneTimeCodes } from '../../src/core/codes/index.ts';
import { createHooks } from '../../src/core/events/index.ts';
import { createPersonWithNemid } from '../../src/flows/nemid/index.ts';
import { hasJsqr } from '../../src/kinds/app/pwa/appAssets.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { enrolAtActivation } from '../../src/roots/cli/personWithApp.ts';
import { expectAccessible } from '../support/browser.ts';
import { mitidServerSecret } from '../support/data.ts';
import { outbox } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const METTE = { cpr: '0707851234', mobile: '+4521436587', userId: 'Mette Madsen 85', pin: '396151' };

let page: Page;
let context: BrowserContext;
let identityId = '';
let logins = 0;

const press = (name: string): Promise<void> => page.getByRole('button', { name, exact: true }).click();

async function screen(heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
}

function authentications(): Authentications {
  return new Authentications({ db: env.data.mitid.db, now: () => Date.now(), hooks: createHooks() });
}

/** FORTSÆT in the box: a login of Mette's that waits for the app's proof of the screen. */
async function boxLogin(text = 'Log på hos Min Bank'): Promise<ChannelCandidate> {
  const id = `box-${++logins}-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  await authentications().create({
    id,
    clientId: 'minbank',
    serviceName: 'Min Bank',
    action: 'login',
    text,
    requestedLevel: 'high',
    requiresUv: true,
    kinds: ['app'],
    challenge: randomBytes(32).toString('base64url'),
    who: { identityId },
    channel: { browserHash: `hash-${id}`, interactionId: `uid-${id}`, secret },
  });
  return { id, secret };
}

const statusOf = async (id: string) => (await authentications().get(id))?.status;

/** Mette's MitID waiting at activation (as a bank enrollment leaves it) and her activation code. */
async function metteAtActivation(): Promise<string> {
  const db = env.data.mitid.db;
  await createPersonWithNemid(
    db,
    cryptoRandom,
    systemClock,
    {
      cpr: METTE.cpr,
      givenName: 'Mette',
      familyName: 'Madsen',
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
    },
    { userId: 'mette85', password: 'Hemmelig-2026' },
  );
  const config = loadConfig({ ...env.system.env, DATA_DIR: env.system.dataDir });
  const identity = await enrolAtActivation(db, config, {
    cpr: METTE.cpr,
    userId: METTE.userId,
    mobile: METTE.mobile,
    pin: METTE.pin,
    stateDir: '',
  });
  identityId = identity.id;
  const codes = new OneTimeCodes({
    db,
    clock: systemClock,
    random: cryptoRandom,
    key: deriveCodeKey(await mitidServerSecret(env.system, env.data)),
  });
  const issued = await codes.issue(identity.id, activationCodeSms, identity.id);
  assert.ok(issued.ok);
  return issued.code;
}

/** The camera: a canvas stream that shows the QR code `current()` names, redrawn four times a second. */
async function cameraShowing(current: () => Promise<string>): Promise<void> {
  await context.exposeFunction('currentQrImage', async () =>
    QRCode.toDataURL(await current(), { margin: 4, scale: 8, errorCorrectionLevel: 'M' }),
  );
  await context.addInitScript(() => {
    const w = window as unknown as { currentQrImage: () => Promise<string> };
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      const draw = async () => {
        const image = new Image();
        image.src = await w.currentQrImage();
        await image.decode();
        g.fillStyle = '#fff';
        g.fillRect(0, 0, 640, 480);
        g.drawImage(image, 170, 90, 300, 300);
      };
      await draw();
      setInterval(() => void draw(), 250);
      return canvas.captureStream(10);
    };
  });
}

let scanned: ChannelCandidate | undefined;

describe('the app opens a browser login only with the box code', () => {
  test('Mette activates the app in the phone', async () => {
    const code = await metteAtActivation();
    context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'da-DK',
      permissions: ['notifications', 'camera'],
    });
    // Before any page: the scanner's camera shows the QR code of `scanned`, of this second.
    await cameraShowing(async () => (scanned ? qrPayload(scanned, Date.now()) : 'https://example.dk/'));
    page = await context.newPage();
    await page.goto(`${env.system.mitidUrl}/app`);
    await screen('Velkommen til MitID app');
    await press('Aktivér MitID app');
    await screen('Indtast dit bruger-ID');
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(METTE.userId);
    await press('FORTSÆT');
    await screen('Indtast aktiveringskoden');
    await page.getByRole('textbox', { name: 'Aktiveringskode' }).fill(code);
    await press('FORTSÆT');
    await screen('Indtast den midlertidige PIN-kode');
    const [sms] = await outbox(env.system, METTE.mobile);
    const temporaryPin = /\b(\d{8})\b/.exec(sms?.body ?? '')?.[1] ?? '';
    await page.getByRole('textbox', { name: 'Midlertidig PIN-kode' }).fill(temporaryPin);
    await press('FORTSÆT');
    await screen('Vælg din personlige PIN-kode');
    await page.getByLabel('PIN-kode (6 cifre)').fill(METTE.pin);
    await press('FORTSÆT');
    await screen('Genindtast din personlige PIN-kode');
    await page.getByLabel('PIN-kode igen').fill(METTE.pin);
    await press('FORTSÆT');
    await screen('Notifikationer');
    await press('Accepter notifikationer');
    await screen('MitID app er aktiveret');
    await press('Gå til MitID app');
    await screen('MitID');
    await page.getByRole('button', { name: 'Scan QR-kode' }).waitFor();
    await page.getByRole('button', { name: 'Indtast kode' }).waitFor();
  });

  test('the typed code: nothing shown before; a wrong code refused at the field; the right one opens the login', async () => {
    const box = await boxLogin();
    await press('Opdater');
    await page.getByText('Der er ingen anmodninger lige nu.').waitFor();
    assert.equal(await page.getByRole('button', { name: /Log på hos Min Bank/ }).count(), 0);

    await press('Indtast kode');
    await screen('Indtast koden');
    const field = page.getByRole('textbox', { name: 'Koden fra MitID-login' });
    assert.equal(await field.getAttribute('inputmode'), 'numeric');
    assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
    await field.fill('12345');
    await press('Fortsæt');
    await page.getByText('Indtast de 6 cifre, som login-boksen viser.').first().waitFor();
    await field.fill(typedCode(box) === '000000' ? '111111' : '000000');
    await press('Fortsæt');
    await page
      .getByText(/Koden passer ikke til et login, der venter på dig\. Du har 4 forsøg tilbage/)
      .first()
      .waitFor();
    await expectAccessible(page);
    assert.equal(await statusOf(box.id), 'awaiting_channel');

    const code = typedCode(box);
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await press('Fortsæt');
    await screen('Log på hos Min Bank');
    await page.getByText('Log på hos Min Bank', { exact: true }).last().waitFor();
    await press('Godkend');
    await screen('Indtast din PIN-kode');
    await page.getByLabel('PIN-kode', { exact: true }).fill(METTE.pin);
    await press('Godkend');
    await screen('Godkendt');
    assert.equal(await page.getByRole('button', { name: 'Gå tilbage til browseren' }).isVisible(), false);
    assert.equal(await statusOf(box.id), 'approved');
    await press('Tilbage til oversigten');
    await screen('MitID');
  });

  test("the phone's browser: /app#channel=<QR text> shows the login at once, then the way back", async () => {
    const box = await boxLogin('Log på hos Borger');
    await page.goto(`${env.system.mitidUrl}/app#channel=${encodeURIComponent(qrPayload(box, Date.now()))}`);
    await screen('Log på hos Min Bank');
    await page.getByText('Log på hos Borger', { exact: true }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the proof is used once');
    await press('Godkend');
    await screen('Indtast din PIN-kode');
    await page.getByLabel('PIN-kode', { exact: true }).fill(METTE.pin);
    await press('Godkend');
    await screen('Godkendt');
    await page.getByRole('button', { name: 'Gå tilbage til browseren' }).waitFor();
    assert.equal(await statusOf(box.id), 'approved');
    // The app opened afresh by the link (a new tab), as the box's "Åbn MitID app" does.
    const second = await boxLogin('Log på hos Borger igen');
    const phoneTab = page;
    page = await context.newPage();
    await page.goto(
      `${env.system.mitidUrl}/app#channel=${encodeURIComponent(qrPayload(second, Date.now()))}`,
    );
    await screen('Log på hos Min Bank');
    await page.getByText('Log på hos Borger igen', { exact: true }).waitFor();
    await press('Afvis');
    await screen('Afvist');
    await page.getByRole('button', { name: 'Gå tilbage til browseren' }).waitFor();
    assert.equal(await statusOf(second.id), 'rejected');
    await page.close();
    page = phoneTab;
    await page.goto(`${env.system.mitidUrl}/app`);
    await screen('MitID');
  });

  test('the scanner: the camera sees the box QR, the login opens and is rejected', {
    skip: hasJsqr() ? false : 'jsqr is not installed (npm install: package.json pins jsqr 1.4.0)',
  }, async () => {
    const box = await boxLogin('Log på hos Min Bank med QR');
    scanned = box;
    await press('Scan QR-kode');
    await page.getByRole('heading', { level: 1, name: 'Scan QR-koden' }).waitFor();
    await screen('Log på hos Min Bank');
    await page.getByText('Log på hos Min Bank med QR', { exact: true }).waitFor();
    const playing = await page.evaluate(() => document.querySelector('video')?.srcObject ?? null);
    assert.equal(playing, null, 'the camera is stopped once the QR code is read');
    await press('Afvis');
    await screen('Afvist');
    assert.equal(await statusOf(box.id), 'rejected');
    await context.close();
  });
});
