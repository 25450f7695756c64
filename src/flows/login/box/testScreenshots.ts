/**
 * Screenshots of every page of the login box in headless Chromium, each checked with axe (not a
 * unit test: it needs Chromium; run by hand or by the lead's browser run):
 *
 *   node src/flows/login/box/testScreenshots.ts [out-dir]      (default /tmp/login-box-shots)
 *
 * The real MitID service on SQLite with the box under /op and the test kit's recording mount, a
 * person with an activated app; the app's side proves the typed code the page shows and decides.
 * Exits with 1 when a page has an axe violation, a script error, or the login does not move on.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectAccessible, launchBrowser } from '../../../../test/support/browser.ts';
import { AUTHENTICATION_TTL_MS, matchChannelProof } from '../../../core/authentications/index.ts';
import { startBox } from './testBox.ts';
import { giveAuthenticator, testKinds } from './testing/testKinds.ts';

const out = process.argv[2] ?? '/tmp/login-box-shots';
mkdirSync(out, { recursive: true });
const k = await startBox('sqlite');
const { person, device } = await k.h.activatedPerson();
// The device steps (decision 0014 §4) with the box's test kinds: a code display, a password, a chip.
const kinds = testKinds();
Object.assign(k.h.core.implementations, kinds.implementations);
const db = k.h.database.db as unknown as import('kysely').Kysely<import('../../../core/db/index.ts').MitidDb>;
const at = k.h.clock.now().getTime();
const codeDeviceId = await giveAuthenticator(db, person.identityId, 'codeDisplay', at);
kinds.setPassword(await giveAuthenticator(db, person.identityId, 'password', at), 'Rigtig-kode-2026');
const chipId = await giveAuthenticator(db, person.identityId, 'chip', at);
await k.h.app.listen({ port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${(k.h.app.server.address() as { port: number }).port}`;
// Back at the client's registered callback (Min Bank's, not running here: the navigation is what counts).
k.mount.callback = `${k.h.config.bankUrl}/auth/nemid/callback`;
const browser = await launchBrowser();
const problems: string[] = [];

async function open(name: string, uid: string, opts: { phone?: boolean; js?: boolean; host?: string } = {}) {
  // WebAuthn takes no IP address as its relying party: the chip's run is on localhost.
  const base = opts.host ? origin.replace('127.0.0.1', opts.host) : origin;
  const ctx = await browser.newContext({
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    ...(opts.phone ? { isMobile: true, hasTouch: true } : {}),
    javaScriptEnabled: opts.js !== false,
  });
  await ctx.addCookies([{ name: '_interaction', value: uid, url: base }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  await page.goto(`${base}/op/login/${uid}`);
  const save = async (suffix = '') => {
    await page.screenshot({ path: `${out}/${name}${suffix}.png`, fullPage: true });
    if (opts.js === false) return;
    try {
      await expectAccessible(page);
    } catch (e) {
      problems.push(`${name}${suffix}: ${(e as Error).message}`);
    }
  };
  return { ctx, page, save };
}

/** The app's side: the typed code on the page proves the channel. */
async function proveCode(page: Page) {
  const code = ((await page.textContent('#login-box-typed')) ?? '').replace(/\s/g, '');
  const candidates = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
  const id = matchChannelProof({ code }, candidates, k.h.clock.now().getTime());
  if (!id || !(await k.h.core.authentications.verifyChannel(id, 'device')))
    problems.push('the code opened nothing');
}

const typeUserId = async (page: Page, userId: string, button = 'FORTSÆT') => {
  await page.fill('#userId', userId);
  await page.click(`button:has-text("${button}")`);
};

try {
  // The user-ID step, its disclosures, its error; the waiting step; the typed code; approved.
  let s = await open('1-user-id', k.mount.open());
  await s.save();
  await s.page.click('summary:has-text("Skift login-metode")');
  await s.page.click('summary:has-text("Hjælp")');
  await s.save('-open');
  await typeUserId(s.page, '');
  await s.save('-error');
  await typeUserId(s.page, person.userId);
  await s.page.waitForTimeout(1200);
  await s.save('-waiting');
  await s.page.click('summary:has-text("Kan du ikke scanne?")');
  await s.save('-code');
  await proveCode(s.page);
  await s.page.waitForTimeout(1500);
  await s.save('-pending');
  const [tx] = await device.pending();
  if (tx) await device.decide(tx, 'approve');
  const moved = await s.page
    .waitForRequest((r) => r.url().startsWith(k.mount.callback), { timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  if (!moved) problems.push('approved, but the box did not move on to the client');
  await s.ctx.close();

  // A phone, in English, with a reference text.
  s = await open(
    '2-phone-en',
    k.mount.open({
      referenceText: 'Overfør 1.250,00 kr. til Jens Hansen',
      action: 'approve',
      language: 'en',
    }),
    { phone: true },
  );
  await typeUserId(s.page, person.userId, 'CONTINUE');
  await s.page.waitForTimeout(800);
  await s.save();
  await s.ctx.close();

  // Rejected in the app.
  s = await open('3-rejected', k.mount.open({ referenceText: 'Underskriv aftale nr. 42', action: 'sign' }));
  await typeUserId(s.page, person.userId);
  await s.page.waitForTimeout(500);
  await s.save('-waiting');
  await proveCode(s.page);
  const [rejected] = await device.pending();
  if (rejected) await device.decide(rejected, 'reject');
  await s.page.waitForTimeout(2500);
  await s.save();
  await s.ctx.close();

  // Expired (an unknown user-ID: nobody answers).
  s = await open('4-expired', k.mount.open());
  await typeUserId(s.page, 'nobody-at-all');
  await s.page.waitForTimeout(300);
  k.h.clock.advance(AUTHENTICATION_TTL_MS + 1000);
  await s.page.waitForTimeout(2500);
  await s.save();
  await s.ctx.close();

  // Cancelled by a block.
  s = await open('5-blocked', k.mount.open());
  await typeUserId(s.page, person.userId);
  await s.page.waitForTimeout(300);
  await k.h.database.db
    .transaction()
    .execute((trx) => k.h.core.authentications.cancelPendingOf(trx, { identityId: person.identityId }));
  await s.page.waitForTimeout(2500);
  await s.save();
  await s.ctx.close();

  // An unknown interaction.
  s = await open('6-gone', 'no-such-interaction');
  await s.save();
  await s.ctx.close();

  // Without JavaScript.
  s = await open('7-no-js', k.mount.open(), { js: false });
  await typeUserId(s.page, person.userId);
  await s.save();
  await s.ctx.close();

  // The code device: the method chosen (a form post), the code step, its errors, the password step.
  s = await open('8-code-device', k.mount.open());
  await s.page.click('summary:has-text("Skift login-metode")');
  await s.save('-methods');
  await s.page.click('button:has-text("MitID kodeviser eller kodeoplæser")');
  await s.page.waitForLoadState();
  await typeUserId(s.page, person.userId);
  await s.page.waitForSelector('#code');
  await s.save('-code');
  await s.page.fill('#code', '12345a');
  await s.page.click('button:has-text("FORTSÆT")');
  await s.save('-format');
  kinds.setCode(codeDeviceId, '246810');
  await s.page.fill('#code', '246810');
  await s.page.click('button:has-text("FORTSÆT")');
  await s.page.waitForSelector('#password');
  await s.save('-password');
  await s.page.fill('#password', 'forkert');
  await s.page.click('button:has-text("FORTSÆT")');
  await s.save('-password-wrong');
  await s.page.fill('#password', 'Rigtig-kode-2026');
  const finished = s.page.waitForRequest((r) => r.url().startsWith(k.mount.callback), { timeout: 5000 });
  await s.page.click('button:has-text("FORTSÆT")');
  if (!(await finished.then(() => true).catch(() => false)))
    problems.push('the code device login did not move on to the client');
  await s.ctx.close();

  // A transaction approved with the code device, in English; level high: the code device disabled.
  s = await open(
    '9-code-device-transaction-en',
    k.mount.open({
      action: 'approve',
      language: 'en',
      transaction: { text: 'Overfør 1.250,00 kr. til 9999 0087654321.', type: 'text', details: null },
    }),
  );
  await s.page.click('summary:has-text("Change login method")');
  await s.page.click('button:has-text("MitID code display or code reader")');
  await s.page.waitForLoadState();
  await typeUserId(s.page, person.userId, 'CONTINUE');
  await s.page.waitForSelector('#code');
  await s.save();
  await s.ctx.close();

  // The chip: a virtual authenticator (Chromium's WebAuthn domain) with a discoverable credential;
  // START runs the box's script, which posts the password and the assertion.
  s = await open('10-chip', k.mount.open({ level: 'high' }), { host: 'localhost' });
  await s.page.click('summary:has-text("Skift login-metode")');
  await s.save('-methods');
  const cdp = await s.ctx.newCDPSession(s.page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentialId = await s.page.evaluate(async () => {
    const cred = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'MitID' },
        user: { id: new Uint8Array(16), name: 'chip', displayName: 'chip' },
        challenge: new Uint8Array(32),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      },
    })) as PublicKeyCredential;
    return cred.id;
  });
  kinds.setChip(chipId, credentialId);
  await s.page.click('button:has-text("MitID chip")');
  await s.page.waitForLoadState();
  await typeUserId(s.page, person.userId);
  await s.page.waitForSelector('#login-box-chip');
  await s.save();
  await s.page.fill('#password', 'Rigtig-kode-2026');
  const chipDone = s.page.waitForRequest((r) => r.url().startsWith(k.mount.callback), { timeout: 8000 });
  await s.page.click('button:has-text("START")');
  if (!(await chipDone.then(() => true).catch(() => false))) {
    await s.save('-stuck');
    problems.push('the chip login did not move on to the client');
  }
  await s.ctx.close();

  // The code step without JavaScript.
  s = await open('11-code-no-js', k.mount.open(), { js: false });
  await s.page.click('summary:has-text("Skift login-metode")');
  await s.page.click('button:has-text("MitID kodeviser eller kodeoplæser")');
  await typeUserId(s.page, person.userId);
  await s.save();
  await s.ctx.close();
} finally {
  await browser.close();
  await k.close();
}
console.log(`screenshots in ${out}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
