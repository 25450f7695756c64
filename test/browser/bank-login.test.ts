/**
 * A customer logs in to Min Bank with NemID and a key card, as a new user would after `npm start`:
 * the overview, the MitID banner and its buttons; and every bad input on that path. Each page is
 * checked with axe, and each result is checked in the databases, not only on the screen.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { userTag } from '../../src/flows/nemid/deviceCookie.ts';
import { userCounterKey } from '../../src/flows/nemid/guessLimits.ts';
import { normaliseUserId } from '../../src/flows/nemid/nemidUserId.ts';
import { DEMO_PASSWORD } from '../../src/roots/seed/demoPeople.ts';
import { expectAccessible } from '../support/browser.ts';
import { keyCode, mitidServerSecret } from '../support/data.ts';
import { askedKey, nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

async function newPage(): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'da-DK' });
  return context.newPage();
}

/** The failures counted on the NemID user-ID counter of `userId` (known or not). */
async function failedAttempts(userId: string): Promise<number> {
  const key = userCounterKey(
    userTag(
      { cookieKey: '', bankClientSecret: '', serverSecret: await mitidServerSecret(env.system, env.data) },
      normaliseUserId(userId),
    ),
  );
  const row = await env.data.mitid.db
    .selectFrom('nemid_attempt_counters')
    .select('failures')
    .where('counter_key', '=', key)
    .executeTakeFirst();
  return row ? Number(row.failures) : 0;
}

async function startLogin(page: Page): Promise<void> {
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med NemID' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
}

describe('logging in to Min Bank with NemID', () => {
  test('Jonas logs in, sees his accounts and the MitID banner, postpones, logs out and in again', async () => {
    const page = await newPage();
    await page.goto(env.system.bankUrl);
    await expectAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Velkommen til Min Bank');

    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Log på hos Min Bank/);
    await nemidPassword(page, 'Jonas1983');
    const key = await nemidKeyCode(page, env.data, 'Jonas1983', true);

    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await expectAccessible(page);
    const main = page.locator('main');
    await main.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).waitFor();
    const text = await main.innerText();
    assert.match(text, /Du kan kun bruge dit NemID hos os ind til om 30 dage\./);
    assert.match(text, /Hvad skal du bruge\?/);
    assert.match(text, /Dit NemID/);
    assert.match(text, /Din mobiltelefon eller e-mail/);
    assert.match(text, /Lønkonto/);
    assert.match(text, /23\.456,50\s*kr\./);
    assert.match(text, /102\.500,00\s*kr\./);

    // In the data: the key is spent, the counter is clean, the bank holds exactly one session.
    assert.notEqual((await keyCode(env.data, 'Jonas1983', key)).usedAt, null);
    assert.equal(await failedAttempts('Jonas1983'), 0);
    const login = await env.data.mitid.db
      .selectFrom('nemid_logins')
      .select(['status', 'code_used_at'])
      .where('key_no', '=', key)
      .executeTakeFirstOrThrow();
    assert.equal(login.status, 'done');
    assert.notEqual(login.code_used_at, null, 'the bank redeemed the code');
    const sessions = await env.data.bank.db.selectFrom('sessions').select('data').execute();
    assert.ok(sessions.some((s) => JSON.parse(s.data).cpr === '1505831017'));

    // JEG GØR DET SENERE hides the banner for the rest of this login …
    await page.getByRole('button', { name: 'JEG GØR DET SENERE' }).click();
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Kontooversigt' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).count(), 0);

    // … and it is back at the next login.
    await page.getByRole('button', { name: 'Log af' }).click();
    await page.getByText('Du er logget af.').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await nemidPassword(page, 'jonas1983'); // the user-ID is not case-sensitive
    await nemidKeyCode(page, env.data, 'Jonas1983');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).waitFor();

    await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
    // The bank hands over to the MitID service's wizard, which opens at the terms.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await page.getByText('Du får MitID gennem Min Bank').waitFor();
    await page.context().close();
  });

  test('a customer whose turn has not come sees no banner; a person without net bank is not let in', async () => {
    const page = await newPage();
    await startLogin(page);
    await nemidPassword(page, 'mettemus');
    await nemidKeyCode(page, env.data, 'mettemus');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Kontooversigt' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).count(), 0);
    await page.context().close();

    const poul = await newPage();
    await startLogin(poul);
    await nemidPassword(poul, 'poulnielsen');
    await nemidKeyCode(poul, env.data, 'poulnielsen');
    await poul.getByText('Du er ikke kunde i Min Bank.', { exact: false }).waitFor();
    await expectAccessible(poul);
    const sessions = await env.data.bank.db.selectFrom('sessions').select('data').execute();
    assert.ok(!sessions.some((s) => JSON.parse(s.data).cpr === '0806451113'), 'no bank session for Poul');
    await poul.context().close();
  });

  test('Karen logs in with her CPR number as NemID user-ID', async () => {
    const page = await newPage();
    await startLogin(page);
    await nemidPassword(page, '0202612046');
    await nemidKeyCode(page, env.data, '0202612046');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).waitFor();
    await page.context().close();
  });

  test('a wrong password and an unknown user-ID get the same message and are counted alike', async () => {
    const page = await newPage();
    await startLogin(page);
    const before = await failedAttempts('Jonas1983');
    await nemidPassword(page, 'Jonas1983', 'forkert-kode-1');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const wrongPassword = await alert.innerText();
    assert.match(wrongPassword, /Forkert bruger-ID eller adgangskode\./);
    await expectAccessible(page);
    assert.equal(await failedAttempts('Jonas1983'), before + 1);

    const credentialsBefore = await env.data.mitid.db.selectFrom('nemid_credentials').selectAll().execute();
    await nemidPassword(page, 'ingen-saadan-bruger', 'forkert-kode-1');
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').innerText(), wrongPassword, 'no user enumeration');
    const credentialsAfter = await env.data.mitid.db.selectFrom('nemid_credentials').selectAll().execute();
    assert.deepEqual(credentialsAfter, credentialsBefore, 'an unknown user-ID changes no credential');
    assert.equal(await failedAttempts('ingen-saadan-bruger'), 1, 'it is counted like a known one');

    // The right password still works afterwards, and a completed login resets the counter.
    await nemidPassword(page, 'Jonas1983');
    await nemidKeyCode(page, env.data, 'Jonas1983');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    assert.equal(await failedAttempts('Jonas1983'), 0);
    await page.context().close();
  });

  test('a wrong key code is refused and counted; the key stays unused', async () => {
    const page = await newPage();
    await startLogin(page);
    await nemidPassword(page, 'mettemus');
    const key = await askedKey(page);
    const { code } = await keyCode(env.data, 'mettemus', key);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Nøgle', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: 'Log på' }).click();
    await page.getByText('Forkert nøgle. Du har 2 forsøg tilbage.').first().waitFor();
    await expectAccessible(page);
    assert.equal((await keyCode(env.data, 'mettemus', key)).usedAt, null);
    assert.equal(await askedKey(page), key, 'the same key is asked again');
    await page.context().close();
  });

  test('a key code that was used at an earlier login does not work again', async () => {
    const page = await newPage();
    await startLogin(page);
    await nemidPassword(page, 'Jonas1983');
    const usedKey = await nemidKeyCode(page, env.data, 'Jonas1983');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    const usedCode = (await keyCode(env.data, 'Jonas1983', usedKey)).code;
    await page.getByRole('button', { name: 'Log af' }).click();

    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await nemidPassword(page, 'Jonas1983');
    const newKey = await askedKey(page);
    assert.notEqual(newKey, usedKey, 'a spent key is never asked for again');
    const newCode = (await keyCode(env.data, 'Jonas1983', newKey)).code;
    assert.notEqual(usedCode, newCode);
    await page.getByLabel('Nøgle', { exact: true }).fill(usedCode);
    await page.getByRole('button', { name: 'Log på' }).click();
    await page
      .getByText(/Forkert nøgle/)
      .first()
      .waitFor();
    assert.equal((await keyCode(env.data, 'Jonas1983', newKey)).usedAt, null);
    assert.ok(page.url().startsWith(env.system.mitidUrl), 'still on the NemID page, not logged in');
    await page.context().close();
  });
});

describe('the same pages in English', () => {
  test('every page of the login path passes axe in English', async () => {
    const page = await newPage();
    await page.goto(`${env.system.bankUrl}/?lang=en`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log in with NemID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await expectAccessible(page);
    await page.getByLabel('User ID').fill('0202612046');
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Log on' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);
    await page.getByLabel('User ID').fill('0202612046');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log on' }).click();
    const key = await askedKey(page);
    await expectAccessible(page);
    await page.getByLabel('Key', { exact: true }).fill((await keyCode(env.data, '0202612046', key)).code);
    await page.getByRole('button', { name: 'Log on' }).click();
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Now it is your turn to get MitID' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'GET MITID NOW' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await expectAccessible(page);
    await page.context().close();
  });

  test('the development pages pass axe in both languages', async () => {
    const page = await newPage();
    for (const lang of ['da', 'en']) {
      for (const path of ['/dev/beskeder', '/dev/noeglekort', '/', '/findes-ikke']) {
        await page.goto(`${env.system.mitidUrl}${path}?lang=${lang}`);
        await expectAccessible(page);
      }
      await page.goto(`${env.system.bankUrl}/findes-ikke?lang=${lang}`);
      await expectAccessible(page);
    }
    await page.context().close();
  });
});
