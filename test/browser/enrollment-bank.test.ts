/**
 * Getting MitID through Min Bank, as the guide tells it, checked in the data after each step.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/roots/seed/demoPeople.ts';
import { expectAccessible } from '../support/browser.ts';
import { keyCode } from '../support/data.ts';
import { askedKey, nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { latestCode, outbox } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();

async function loggedInBankPage(userId: string): Promise<Page> {
  const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med NemID' }).click();
  await nemidPassword(page, userId);
  await nemidKeyCode(page, env.data, userId);
  await page.waitForURL(`${env.system.bankUrl}/oversigt`);
  return page;
}

async function enrollment(cpr: string) {
  return env.data.mitid.db
    .selectFrom('enrollments')
    .selectAll()
    .where('cpr', '=', cpr)
    .where('open', '=', 1)
    .executeTakeFirst();
}

describe('getting MitID through Min Bank', () => {
  test('Jonas: terms, the app, and his mobile number confirmed with a code from the SMS', async () => {
    const page = await loggedInBankPage('Jonas1983');
    await page.getByRole('button', { name: 'FÅ MITID NU' }).click();

    // Step 2: terms.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Du får MitID gennem Min Bank[\s\S]*Trin 2 af 7/);
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.getByRole('link', { name: /Du skal acceptere vilkår og betingelser/ }).waitFor();
    await expectAccessible(page);
    assert.equal(
      await env.data.mitid.db
        .selectFrom('terms_acceptances')
        .selectAll()
        .where('cpr', '=', '1505831017')
        .execute()
        .then((r) => r.length),
      0,
      'not accepted without the tick',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download vilkår og betingelser for MitID' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /2026-1-da\.txt$/);
    await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();

    // Step 3: choose.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
    await expectAccessible(page);
    const accepted = await env.data.mitid.db
      .selectFrom('terms_acceptances')
      .selectAll()
      .where('cpr', '=', '1505831017')
      .execute();
    assert.deepEqual(accepted.map((a) => `${a.document}@${a.version}`).sort(), [
      'privacy@2026-1',
      'terms@2026-1',
    ]);
    assert.ok(accepted.every((a) => a.accepted_at > 0 && a.lang === 'da'));

    // ← Tilbage goes to the terms, which are accepted again on the way forward.
    await page.getByRole('button', { name: '← Tilbage' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);

    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.getByRole('link', { name: 'Vælg et identifikationsmiddel.' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('App', { exact: true }).check();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();

    // Step 4: contact details.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
    await expectAccessible(page);
    assert.equal(JSON.parse((await enrollment('1505831017'))?.state ?? '{}').authenticator, 'app');
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.getByText('Bekræft dit mobilnummer for at fortsætte med MitID app.').first().waitFor();

    await page.getByLabel('Indtast dit mobilnummer').fill('1234');
    await page.getByRole('button', { name: 'Send valideringskode', exact: true }).first().click();
    await page.getByRole('link', { name: /Indtast et dansk mobilnummer med 8 cifre/ }).waitFor();
    await expectAccessible(page);
    assert.equal((await enrollment('1505831017'))?.mobile, null, 'a refused number is not stored');

    await page.getByLabel('Indtast dit mobilnummer').fill('20 30 40 50');
    await page.getByRole('button', { name: 'Send valideringskode', exact: true }).first().click();
    await page.getByText('Valideringskode er sendt til dit mobilnummer +45 20 30 40 50').waitFor();
    await expectAccessible(page);
    assert.equal((await enrollment('1505831017'))?.mobile, '+4520304050');
    const first = await latestCode(env.system, '+4520304050');

    await page.getByLabel('Indtast valideringskode fra SMS').fill(first === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bekræft' }).click();
    await page.getByRole('link', { name: /forsøg tilbage/ }).waitFor();

    await page.getByRole('button', { name: 'Send valideringskode igen' }).click();
    await page.getByText('Vi har sendt en ny valideringskode.').waitFor();
    assert.equal((await outbox(env.system, '+4520304050')).length, 2);
    const second = await latestCode(env.system, '+4520304050');
    if (second !== first) {
      await page.getByLabel('Indtast valideringskode fra SMS').fill(first);
      await page.getByRole('button', { name: 'Bekræft' }).click();
      await page.getByRole('alert').waitFor();
      assert.equal(
        JSON.parse((await enrollment('1505831017'))?.state ?? '{}').mobileConfirmed,
        false,
        'the old code no longer works',
      );
    }
    await page.getByLabel('Indtast valideringskode fra SMS').fill(second);
    await page.getByRole('button', { name: 'Bekræft' }).click();
    await page.getByText('Dit mobilnummer +45 20 30 40 50 er bekræftet').waitFor();
    await expectAccessible(page);
    assert.equal(JSON.parse((await enrollment('1505831017'))?.state ?? '{}').mobileConfirmed, true);

    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
    assert.equal(JSON.parse((await enrollment('1505831017'))?.state ?? '{}').step, 'userId');

    // Step 5: the user-ID. His NemID user-ID is suggested; the rules speak as he types.
    await expectAccessible(page);
    const field = page.getByLabel('Bruger-ID', { exact: true });
    assert.equal(await field.inputValue(), 'Jonas1983');
    assert.match(
      await page.locator('main').innerText(),
      /Dit bruger-ID fra NemID, Jonas1983, er reserveret til dig/,
    );
    await field.fill('');
    await field.pressSequentially('211788-0967');
    await page.locator('[data-rule="enrollment.userId.looksLikeCpr"]').waitFor();
    await field.fill('');
    await field.pressSequentially('J<n');
    await page.locator('[data-rule="enrollment.userId.tooShort"]').waitFor();
    await page.locator('[data-rule="enrollment.userId.invalidCharacters"]').waitFor();
    await expectAccessible(page);
    // The server names every broken rule again.
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.getByRole('link', { name: 'Bruger-ID skal indeholde mindst 5 tegn.' }).first().waitFor();
    assert.ok((await page.getByRole('link', { name: /må ikke indeholde/ }).count()) >= 1);
    // Another person's NemID user-ID is reserved for them.
    await page.getByLabel('Bruger-ID', { exact: true }).fill('MetteMus');
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page
      .getByRole('link', { name: 'Bruger-ID’et er reserveret til en anden. Vælg et andet.' })
      .waitFor();
    assert.equal(
      await env.data.mitid.db
        .selectFrom('identities')
        .selectAll()
        .where('cpr', '=', '1505831017')
        .executeTakeFirst(),
      undefined,
    );
    await page.getByLabel('Bruger-ID', { exact: true }).fill('J()nas Jen5en');
    await page.locator('.userid-live-ok').waitFor();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
    const identity = await env.data.mitid.db
      .selectFrom('identities')
      .selectAll()
      .where('cpr', '=', '1505831017')
      .executeTakeFirstOrThrow();
    assert.equal(identity.user_id, 'J()nas Jen5en');
    assert.equal(identity.status, 'pending_activation');
    const contacts = await env.data.mitid.db
      .selectFrom('identity_contacts')
      .selectAll()
      .where('identity_id', '=', identity.id)
      .execute();
    assert.deepEqual(
      contacts.map((c) => [c.channel, c.value]),
      [['mobile', '+4520304050']],
    );
    const stored = await enrollment('1505831017');
    assert.equal(stored?.identity_id, identity.id);

    // Step 6: get the app (a link and a QR code for the phone; several users in one app).
    await expectAccessible(page);
    assert.equal(await page.getByRole('img', { name: /QR-kode med adressen på MitID app/ }).count(), 1);
    assert.match(await page.locator('main').innerText(), /Flere brugere/);
    await page.getByRole('button', { name: 'Jeg har hentet appen – FORTSÆT' }).click();

    // Step 7: the activation code the app will ask for, shown once.
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    await expectAccessible(page);
    assert.match(await page.locator('main').innerText(), /Indtast dit bruger-ID i appen: J\(\)nas Jen5en/);
    await page.getByRole('button', { name: 'Vis aktiveringskode' }).click();
    const shown = (await page.locator('.activation-code').innerText()).replace(/\s/g, '');
    assert.match(shown, /^\d{8}$/);
    await expectAccessible(page);
    const code = await env.data.mitid.db
      .selectFrom('one_time_codes')
      .selectAll()
      .where('flow_id', '=', identity.id)
      .where('purpose', '=', 'activation')
      .executeTakeFirstOrThrow();
    assert.equal(code.used_at, null);
    assert.ok(!JSON.stringify(code).includes(shown), 'only a keyed hash of the code is stored');
    assert.equal(JSON.parse((await enrollment('1505831017'))?.state ?? '{}').step, 'activation');
    // Reloading does not show the code again.
    await page.goto(page.url());
    assert.equal(await page.locator('.activation-code').count(), 0);
    await page.getByText('af sikkerhedshensyn vises den kun én gang', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Tilbage til Min Bank' }).click();
    await page.waitForURL(`${env.system.bankUrl}/mitid/retur`);
    await expectAccessible(page);
    // The bank asks MitID where he stands: the banner now says he is under way.
    await page.getByRole('link', { name: 'Tilbage til kontooversigten' }).click();
    await page.getByRole('heading', { name: 'Du er i gang med at få MitID' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'FORTSÆT MED MITID' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    await page.context().close();
  });

  test('a hand-over link works once, and the flow belongs to the browser that took it', async () => {
    const page = await loggedInBankPage('0202612046');
    await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    const flowUrl = page.url();
    // Another browser (no binding cookie) cannot open the flow.
    const stranger = await (await env.browser.newContext()).newPage();
    const res = await stranger.goto(flowUrl);
    assert.equal(res?.status(), 404);
    await expectAccessible(stranger);
    await stranger.context().close();
    // Pressing FÅ MITID NU again resumes the same enrollment (a GET of its address only shows the button).
    await page.goto(`${env.system.bankUrl}/mitid/start`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
    await page.waitForURL(flowUrl);
    const open = await env.data.mitid.db
      .selectFrom('enrollments')
      .select('id')
      .where('cpr', '=', '0202612046')
      .execute();
    assert.equal(open.length, 1);
    await page.context().close();
  });

  test('after logging out of the bank in another tab, the wizard asks for the person and nothing changes', async () => {
    const page = await loggedInBankPage('0202612046');
    // Karen's enrollment may be under way already (the test before): either button continues it.
    await page.getByRole('button', { name: /^(FÅ MITID NU|FORTSÆT MED MITID)$/ }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
    await page.getByRole('button', { name: 'FORTSÆT' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
    const wizardUrl = page.url();

    // She logs out of the bank in another tab and leaves the computer.
    const bankTab = await page.context().newPage();
    await bankTab.goto(`${env.system.bankUrl}/oversigt`);
    await bankTab.getByRole('button', { name: 'Log af' }).click();
    await bankTab.getByText('Du er logget af.').waitFor();
    await bankTab.close();
    const before = await enrollment('0202612046');
    assert.equal(JSON.parse(before?.state ?? '{}').step, 'choose');

    // The next person at the browser goes on in the wizard's tab: the choice is posted, and refused.
    await page.getByLabel('App', { exact: true }).check();
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/valg')),
      page.getByRole('button', { name: 'FORTSÆT' }).click(),
    ]);
    assert.equal(posted.status(), 403);
    await page.getByRole('heading', { name: 'Log på igen for at fortsætte' }).waitFor();
    await expectAccessible(page);
    assert.deepEqual(await enrollment('0202612046'), before, 'nothing changed');
    assert.ok(!(await page.locator('main').innerText()).includes('Karen'), 'the page names no one');
    await page.goto(wizardUrl);
    await page.getByRole('heading', { name: 'Log på igen for at fortsætte' }).waitFor();

    // Karen herself logs in to the bank again and goes on where she was: nothing was lost.
    await page.getByRole('link', { name: 'Gå til Min Bank' }).click();
    await page.waitForURL(`${env.system.bankUrl}/`);
    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await nemidPassword(page, '0202612046');
    await nemidKeyCode(page, env.data, '0202612046');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('button', { name: 'FORTSÆT MED MITID' }).click();
    await page.waitForURL(wizardUrl);
    assert.equal((await enrollment('0202612046'))?.id, before?.id);
    await page.context().close();
  });

  test('Mette in English: every page of the wizard passes axe', async () => {
    const page = await (await env.browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${env.system.bankUrl}/?lang=en`);
    await page.getByRole('link', { name: 'Log in with NemID' }).click();
    await page.getByLabel('User ID').fill('mettemus');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log on' }).click();
    const key = await askedKey(page);
    await page.getByLabel('Key', { exact: true }).fill((await keyCode(env.data, 'mettemus', key)).code);
    await page.getByRole('button', { name: 'Log on' }).click();
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    // Not yet her turn, but the bank lets her start when she wants to.
    await page.goto(`${env.system.bankUrl}/mitid/start`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'GET MITID NOW' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await expectAccessible(page);
    await page.getByLabel('I have read and understood the MitID terms and conditions').check();
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
    await expectAccessible(page);
    await page.getByLabel('Code reader', { exact: true }).check();
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
    await expectAccessible(page);
    await page.getByLabel('Enter your mobile number').fill('40506070');
    await page.getByRole('button', { name: 'Send validation code', exact: true }).first().click();
    await page
      .getByLabel('Enter the validation code from the SMS')
      .fill(await latestCode(env.system, '+4540506070'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your mobile number +45 40 50 60 70 is confirmed').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
    await page.getByLabel('User ID', { exact: true }).fill('');
    await page.getByLabel('User ID', { exact: true }).pressSequentially('me');
    await page.locator('[data-rule="enrollment.userId.tooShort"]').waitFor();
    assert.match(await page.locator('#userId-live').innerText(), /at least 5 characters/);
    await expectAccessible(page);
    await page.getByLabel('User ID', { exact: true }).fill('mettemus');
    await page.getByRole('button', { name: 'CONTINUE' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
    await expectAccessible(page);
    await page.getByLabel('By post').check();
    await page.getByRole('button', { name: 'Order – CONTINUE' }).click();
    await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
    await expectAccessible(page);
    const letter = (await outbox(env.system, '1207902214'))[0];
    assert.match(letter?.subject ?? '', /code reader/i, 'the letter is in her language');
    await page.context().close();
  });
});
