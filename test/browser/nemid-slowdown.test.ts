/**
 * NemID lockout is not a weapon, in a real browser: a stranger's wrong passwords for Karen's
 * CPR-number user-ID are counted and slow down other browsers, with a plain message saying until
 * when (checked with axe, in Danish and English); Karen, in the browser she has logged in with
 * before, still logs in with her password and key card.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { userTag } from '../../src/flows/nemid/deviceCookie.ts';
import { userCounterKey } from '../../src/flows/nemid/guessLimits.ts';
import { expectAccessible } from '../support/browser.ts';
import { mitidServerSecret } from '../support/data.ts';
import { nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();
const KAREN = '0202612046';

async function newPage(browser: Browser, locale = 'da-DK'): Promise<Page> {
  return (await browser.newContext({ locale })).newPage();
}

async function startLogin(page: Page): Promise<void> {
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med NemID' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
}

async function karenFailures(): Promise<number> {
  const key = userCounterKey(
    userTag(
      { cookieKey: '', bankClientSecret: '', serverSecret: await mitidServerSecret(env.system, env.data) },
      KAREN,
    ),
  );
  const row = await env.data.mitid.db
    .selectFrom('nemid_attempt_counters')
    .select('failures')
    .where('counter_key', '=', key)
    .executeTakeFirst();
  return row ? Number(row.failures) : 0;
}

test('a stranger slows down Karen’s user-ID for other browsers; Karen logs in from her own', async () => {
  // Karen has logged in from her own browser before.
  const karen = await newPage(env.browser);
  await startLogin(karen);
  await nemidPassword(karen, KAREN);
  await nemidKeyCode(karen, env.data, KAREN);
  await karen.waitForURL(`${env.system.bankUrl}/**`);
  await karen.getByRole('button', { name: 'Log af' }).click();

  // The stranger: 5 wrong passwords, each checked and counted …
  const stranger = await newPage(env.browser);
  await startLogin(stranger);
  for (let i = 1; i <= 5; i++) {
    await nemidPassword(stranger, KAREN, `gaet-nummer-${i}`);
    await stranger.getByRole('alert').waitFor();
    assert.match(await stranger.getByRole('alert').innerText(), /Forkert bruger-ID eller adgangskode\./);
    assert.equal(await karenFailures(), i);
  }
  // … then slowed down, even with the right password, with a plain message.
  await nemidPassword(stranger, KAREN);
  await stranger.getByRole('alert').waitFor();
  const message = await stranger.getByRole('alert').innerText();
  assert.match(message, /For mange forkerte forsøg på at logge på\. .*prøve igen kl\. \d\d\.\d\d\./);
  await expectAccessible(stranger);
  assert.equal(await karenFailures(), 5, 'refused unchecked, not counted');

  // In English too.
  const english = await newPage(env.browser, 'en-GB');
  await startLogin(english);
  await english.goto(`${english.url()}?lang=en`);
  await english.getByLabel('User ID').fill(KAREN);
  await english.getByLabel('Password').fill('gaet-igen-2026');
  await english.getByRole('button', { name: 'Log on' }).click();
  await english.getByRole('alert').waitFor();
  assert.match(
    await english.getByRole('alert').innerText(),
    /Too many incorrect attempts to log on\. .*try again at \d\d:\d\d\./,
  );
  await expectAccessible(english);

  // Karen, in her own browser: the right password and key code log her in.
  await startLogin(karen);
  await nemidPassword(karen, KAREN);
  await nemidKeyCode(karen, env.data, KAREN);
  await karen.waitForURL(`${env.system.bankUrl}/**`);
  assert.ok(!karen.url().includes('/nemid/'), 'logged in at the bank');
  for (const p of [karen, stranger, english]) await p.context().close();
});
