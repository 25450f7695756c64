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

const out = process.argv[2] ?? '/tmp/login-box-shots';
mkdirSync(out, { recursive: true });
const k = await startBox('sqlite');
const { person, device } = await k.h.activatedPerson();
await k.h.app.listen({ port: 0, host: '127.0.0.1' });
const origin = `http://127.0.0.1:${(k.h.app.server.address() as { port: number }).port}`;
// Back at the client's registered callback (Min Bank's, not running here: the navigation is what counts).
k.mount.callback = `${k.h.config.bankUrl}/auth/nemid/callback`;
const browser = await launchBrowser();
const problems: string[] = [];

async function open(name: string, uid: string, opts: { phone?: boolean; js?: boolean } = {}) {
  const ctx = await browser.newContext({
    viewport: opts.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    ...(opts.phone ? { isMobile: true, hasTouch: true } : {}),
    javaScriptEnabled: opts.js !== false,
  });
  await ctx.addCookies([{ name: '_interaction', value: uid, url: origin }]);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  await page.goto(`${origin}/op/login/${uid}`);
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
} finally {
  await browser.close();
  await k.close();
}
console.log(`screenshots in ${out}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
