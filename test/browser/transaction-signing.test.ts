/**
 * Transaction signing as the person sees it (decision 0013 §2): a service pushes a transfer to
 * MitID's PAR (openid-client, as Min Bank's client), the computer's browser opens the login box,
 * whose waiting step shows "Du godkender: …" first; the MitID app in the phone shows the whole
 * text (the longest a transfer makes: nothing cut or hidden) and asks for the PIN; the service's
 * callback gets a code whose token response carries the transaction token. Every page passes axe.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import * as client from 'openid-client';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.ts';
import { loadFileSecrets } from '../../src/config/secrets.ts';
import { activateAppInPhone, appScreen } from '../support/appPerson.ts';
import { expectAccessible } from '../support/browser.ts';
import { type PhoneWithCamera, phoneWithCamera } from '../support/fakeCamera.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const JONAS = { cpr: '1505831017', userId: 'Jonas Jensen 83', mobile: '+4522446688', pin: '481592' };
// The longest transfer text: nine-digit kroner, a ten-digit account, a 35-character message.
const MESSAGE = 'Husleje for december 2026, lejl. 4B';
const TRANSFER = {
  type: 'payment_initiation',
  instructedAmount: { currency: 'DKK', amount: '987654321.50' },
  debtorAccount: { regNo: '1234', accountNo: '0001234567' },
  creditorAccount: { regNo: '9999', accountNo: '0087654321' },
  remittanceInformationUnstructured: MESSAGE,
};
const TEXT = `Overfør 987.654.321,50 kr. til 9999 0087654321. Besked: ${MESSAGE}`;

let phone: PhoneWithCamera;
let app: Page;
const contexts: BrowserContext[] = [];

after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await phone?.close();
});

const pressIn = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

describe('approving a transfer with MitID', () => {
  test('Jonas activates the MitID app in his phone', async () => {
    assert.equal(MESSAGE.length, 35);
    phone = await phoneWithCamera(env.system.mitidUrl);
    app = await phone.context.newPage();
    await activateAppInPhone(env, app, JONAS);
    await app.getByRole('button', { name: 'Scan QR-kode' }).waitFor();
  });

  test('the box shows what he approves, the app shows all of it and asks for the PIN, the service gets the token', async () => {
    const secret = loadFileSecrets(
      loadConfig({ ...env.system.env, DATA_DIR: env.system.dataDir }),
    ).bankClientSecret;
    const config = await client.discovery(
      new URL(`${env.system.mitidUrl}/op`),
      'minbank',
      {},
      client.ClientSecretBasic(secret),
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const redirect = `${env.system.bankUrl}/auth/mitid/callback`;
    const url = await client.buildAuthorizationUrlWithPAR(config, {
      redirect_uri: redirect,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      authorization_details: JSON.stringify([TRANSFER]),
    });

    const context = await env.browser.newContext({ locale: 'da-DK' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url.href);
    await page.getByRole('heading', { level: 1, name: 'Godkend hos Min Bank' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Bruger-ID' }).fill(JONAS.userId);
    await pressIn(page, 'FORTSÆT');
    await page.locator('#login-box-wait[data-status="awaiting_channel"]').waitFor();
    const shown = page.locator('#login-box-transaction');
    await shown.getByText('Du godkender:').waitFor();
    assert.equal(await page.locator('.login-box-transaction-text').innerText(), TEXT);
    await expectAccessible(page);

    const code = page.locator('#login-box-typed');
    if (!(await code.isVisible())) await page.locator('#login-box-code summary').click();
    await pressIn(app, 'Indtast kode');
    await appScreen(app, 'Indtast koden');
    await app
      .getByRole('textbox', { name: 'Koden fra MitID-login' })
      .fill((await code.innerText()).replace(/\s/g, ''));
    await pressIn(app, 'Fortsæt');
    await appScreen(app, 'Godkend hos Min Bank');
    const text = app.locator('[data-slot="tx-text"]');
    assert.equal(await text.innerText(), TEXT);
    // All of it is on the screen: not clipped, not scrolled away sideways.
    const fits = await text.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth && r.left >= 0 && r.right <= window.innerWidth;
    });
    assert.ok(fits, 'the whole text is visible in the app');
    await expectAccessible(app);
    await pressIn(app, 'Godkend');
    await app.getByRole('heading', { level: 1, name: 'Indtast din PIN-kode' }).waitFor();
    await app.getByLabel('PIN-kode', { exact: true }).fill(JONAS.pin);
    await pressIn(app, 'Godkend');
    await appScreen(app, 'Godkendt');

    // The bank's callback refuses it (the bank's state cookie is not in this browser) before it
    // would use the code: the code is this test's to exchange, as the service would.
    await page.waitForURL(`${redirect}**`);
    const callback = new URL(page.url());
    assert.ok(callback.searchParams.get('code'), 'the box went on to the service with a code');
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.deepEqual(tokens.authorization_details, [TRANSFER]);
    const [, payload] = String(tokens.transaction_token).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    assert.equal(claims['mitid.transaction_text'], TEXT);
    assert.equal(claims.action, 'APPROVE');
  });
});
