/**
 * MitID.dk's password change in Chromium (decision 0014 §6): log in to MitID.dk with the app
 * (through the real /op and its box), "Skift adgangskode" → "Anmod om adgang" (the notice in the
 * outbox), the gate moved in the database (24 hours), the new password twice with the live
 * check, changed, the notice "Din MitID adgangskode er ændret" without the password, the new
 * password verifies. Every page passes axe, in Danish and in English.
 * The MitID service runs in-process on a loopback port (the self-service's test kit); the new
 * hash is checked with kinds/password's verifyPassword.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser as Chromium, Page } from 'playwright-core';
import {
  givePassword,
  passwordVerifies,
  type SelfserviceOp,
  startSelfserviceOp,
} from '../../src/flows/selfservice/testing/index.ts';
import { expectAccessible, launchBrowser } from '../support/browser.ts';
import { logInToMitidDk } from '../support/selfserviceLogin.ts';

let op: SelfserviceOp;
let chromium: Chromium;

before(async () => {
  op = await startSelfserviceOp('sqlite');
  chromium = await launchBrowser();
});
after(async () => {
  await chromium?.close();
  await op?.close();
});

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await expectAccessible(page);
}

test('log in to MitID.dk with the app, request access, wait, change the password', async () => {
  const { person, device } = await op.h.activatedPerson();
  await givePassword(op, person, 'Gammel-kode-2026');
  const context = await chromium.newContext();
  const page = await context.newPage();
  try {
    await logInToMitidDk(page, op, person, device);
    await page.getByRole('heading', { name: 'Mine identifikationsmidler' }).waitFor();

    // English, then back to Danish.
    await page.getByRole('link', { name: 'English' }).click();
    await heading(page, 'My MitID');
    await page.getByRole('link', { name: 'Dansk' }).click();
    await heading(page, 'Min MitID');

    await page.getByRole('link', { name: 'Skift adgangskode' }).click();
    await heading(page, 'Skift adgangskode');
    await page.getByRole('button', { name: 'Anmod om adgang' }).click();
    await page.getByText(/^Du har anmodet om adgang\./).waitFor();
    await expectAccessible(page);
    const requested = await op.h.messagesTo(person.mobile ?? '');
    assert.ok(requested.some((m) => m.body.includes('Var det ikke dig? Spær din MitID')));

    // 24 hours later (moved in the database: the provider's tokens use the real time).
    await op.h.database.db
      .updateTable('gates' as never)
      .set({ opens_at: op.h.clock.now().getTime() - 1000 } as never)
      .where('identity_id' as never, '=', person.identityId as never)
      .execute();
    await page.reload();
    await page.getByText(/^Du har fået adgang\./).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Ny adgangskode', { exact: true }).fill('kort');
    await page.locator('#password-live').getByText('Adgangskoden skal indeholde mindst 8 tegn.').waitFor();
    await page.getByLabel('Ny adgangskode', { exact: true }).fill('Ny-staerk-kode-77');
    await page.locator('#password-live').getByText('Adgangskoden opfylder reglerne.').waitFor();
    await page.getByLabel('Gentag ny adgangskode').fill('Ny-staerk-kode-78');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByText('De to adgangskoder er ikke ens.').first().waitFor();
    await expectAccessible(page);
    assert.ok(await passwordVerifies(op, person.identityId, 'Gammel-kode-2026'));

    await page.getByLabel('Ny adgangskode', { exact: true }).fill('Ny-staerk-kode-77');
    await page.getByLabel('Gentag ny adgangskode').fill('Ny-staerk-kode-77');
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.getByText('Din MitID adgangskode er ændret.').waitFor();
    await expectAccessible(page);
    assert.ok(await passwordVerifies(op, person.identityId, 'Ny-staerk-kode-77'), 'the new hash verifies');

    const notice = (await op.h.messagesTo(person.email ?? '')).filter((m) =>
      m.subject.includes('Din MitID adgangskode er ændret'),
    );
    assert.equal(notice.length, 1);
    assert.ok(!notice[0]?.body.includes('Ny-staerk-kode-77'));

    // The same pages in English pass axe too.
    await page.goto(`${op.base}/selvbetjening/adgangskode?lang=en`);
    await heading(page, 'Change password');
    await page.getByRole('button', { name: 'Request access' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/op\//);
  } finally {
    await context.close();
  }
});
