/**
 * A kodeviser by post through the bank, and MitID.dk for a person without net bank who collects a
 * kodeoplæser at Borgerservice: each from the NemID login to the activation step, checked in the data.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectAccessible } from '../support/browser.ts';

import { nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { latestCode, outbox } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

const newPage = async (): Promise<Page> => (await env.browser.newContext({ locale: 'da-DK' })).newPage();

async function acceptTerms(page: Page): Promise<void> {
  await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
}

async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel('Indtast din e-mail').fill(email);
  await page.getByRole('button', { name: 'Send valideringskode', exact: true }).nth(1).click();
  await page.getByText(`Valideringskode er sendt til din e-mail ${email}`).waitFor();
  await page.getByLabel('Indtast valideringskode fra e-mail').fill(await latestCode(env.system, email));
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.getByText(`Din e-mail ${email} er bekræftet`).waitFor();
}

async function chooseUserId(page: Page, userId: string): Promise<void> {
  await page.getByLabel('Bruger-ID', { exact: true }).fill(userId);
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
}

describe('getting a kodeviser or kodeoplæser', () => {
  test('Karen, through the bank: a kodeviser by post, confirmed by e-mail only', async () => {
    const page = await newPage();
    await page.goto(env.system.bankUrl);
    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await nemidPassword(page, '0202612046');
    await nemidKeyCode(page, env.data, '0202612046');
    await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await acceptTerms(page);
    // With the keyboard alone: arrow keys move between the choices, Enter sends the form.
    await page.getByLabel('App', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel('Kodeviser', { exact: true }).isChecked(), true);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
    await confirmEmail(page, 'karen@example.dk');
    await page.getByRole('button', { name: 'FORTSÆT' }).click();

    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
    // Her NemID user-ID is her CPR number: it is neither suggested nor allowed.
    assert.equal(await page.getByLabel('Bruger-ID', { exact: true }).inputValue(), '');
    await chooseUserId(page, '0202612046');
    await page
      .getByRole('link', { name: /ligne et CPR-nummer|ligner et CPR-nummer|CPR/ })
      .first()
      .waitFor();
    await chooseUserId(page, 'KarenH.61');

    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Bestil – FORTSÆT' }).click();
    await page.getByRole('link', { name: 'Vælg, hvordan du vil have den.' }).waitFor();
    await page.getByLabel('Med posten').check();
    await page.getByRole('button', { name: 'Bestil – FORTSÆT' }).click();

    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    await expectAccessible(page);
    const text = await page.locator('main').innerText();
    assert.match(text, /Du kan først aktivere MitID, når du har modtaget din MitID kodeviser/);
    assert.match(text, /Status for din bestilling: Bestilt/);

    const order = await env.data.mitid.db
      .selectFrom('device_orders')
      .selectAll()
      .where('cpr', '=', '0202612046')
      .executeTakeFirstOrThrow();
    assert.equal(order.kind, 'codeDisplay');
    assert.equal(order.delivery, 'post');
    assert.equal(order.ship_street, 'Vestergade 3');
    const enrollment = await env.data.mitid.db
      .selectFrom('enrollments')
      .selectAll()
      .where('cpr', '=', '0202612046')
      .executeTakeFirstOrThrow();
    assert.equal(enrollment.order_id, order.id);
    assert.equal(enrollment.email, 'karen@example.dk');
    assert.equal(enrollment.mobile, null);
    const identity = await env.data.mitid.db
      .selectFrom('identities')
      .selectAll()
      .where('cpr', '=', '0202612046')
      .executeTakeFirstOrThrow();
    assert.equal(identity.user_id, 'KarenH.61');
    const letters = await outbox(env.system, '0202612046');
    assert.equal(letters.length, 1);
    assert.match(letters[0]?.body ?? '', /serienummer/i);
    await page.context().close();
  });

  test('Poul, without net bank: the letter in Digital Post, MitID.dk, a kodeoplæser collected at Borgerservice', async () => {
    const letters = await outbox(env.system, '0806451113');
    assert.equal(letters[0]?.subject, 'Nu er det din tur til at få MitID');
    assert.ok(letters[0]?.body.includes(env.system.mitidUrl));

    const page = await newPage();
    await page.goto(env.system.mitidUrl);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Få MitID med NemID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
    assert.match(await page.locator('main').innerText(), /Log på hos MitID\.dk/);
    await nemidPassword(page, 'poulnielsen');
    await nemidKeyCode(page, env.data, 'poulnielsen');

    // MitID.dk's order: choose first, then the terms.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Du får MitID på MitID\.dk[\s\S]*Trin 2 af 7/);
    await page.getByLabel('Kodeoplæser', { exact: true }).check();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await acceptTerms(page);
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
    await confirmEmail(page, 'poul@example.dk');
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
    assert.equal(await page.getByLabel('Bruger-ID', { exact: true }).inputValue(), 'poulnielsen');
    await page.getByRole('button', { name: 'FORTSÆT' }).click();

    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
    await page.getByLabel('Hent i Borgerservice').check();
    await page.getByRole('button', { name: 'Bestil – FORTSÆT' }).click();
    await page.getByRole('link', { name: 'Vælg en ledig tid.' }).waitFor();
    await expectAccessible(page);
    // His own municipality's office is preselected; he picks its first free time.
    assert.match(await page.getByLabel('Borgerservice', { exact: true }).inputValue(), /851/);
    await page.locator('input[name="slot"]').first().check();
    await page.getByRole('button', { name: 'Bestil – FORTSÆT' }).click();

    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Hentes i Borgerservice/);
    const order = await env.data.mitid.db
      .selectFrom('device_orders')
      .selectAll()
      .where('cpr', '=', '0806451113')
      .executeTakeFirstOrThrow();
    assert.equal(order.kind, 'codeReader');
    assert.equal(order.delivery, 'pickup');
    const slot = await env.data.mitid.db
      .selectFrom('office_slots')
      .selectAll()
      .where('id', '=', order.slot_id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(slot.booked, 1);
    const identity = await env.data.mitid.db
      .selectFrom('identities')
      .selectAll()
      .where('cpr', '=', '0806451113')
      .executeTakeFirstOrThrow();
    assert.equal(identity.user_id, 'poulnielsen');
    const accepted = await env.data.mitid.db
      .selectFrom('terms_acceptances')
      .select('version')
      .where('cpr', '=', '0806451113')
      .execute();
    assert.equal(accepted.length, 2);

    // Logging in on MitID.dk again continues the same enrollment at the activation step.
    const again = await newPage();
    await again.goto(`${env.system.mitidUrl}/tilmelding/mitid-dk`);
    await nemidPassword(again, 'poulnielsen');
    await nemidKeyCode(again, env.data, 'poulnielsen');
    await again.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    assert.equal(
      (
        await env.data.mitid.db
          .selectFrom('enrollments')
          .select('id')
          .where('cpr', '=', '0806451113')
          .execute()
      ).length,
      1,
    );
    await again.context().close();
    await page.context().close();
  });
});
