/**
 * Poul's kodeoplæser from the NemID login to a login with it, the person's part by the keyboard
 * alone (decision 0014 §2–§5; issue 11): on MitID.dk with NemID he orders a kodeoplæser for pickup
 * at his Borgerservice (a time a minute from now, so it is today's), the order is made ready (as
 * `npm run orders -- advance` does), a clerk hands it over at /borgerservice, and Poul, by Tab,
 * arrows, Space, Enter and typing only, activates it on MitID.dk (password, serial, the code he
 * hears from /dev/kodeoplaeser/<serial>) and logs into Borger.dk with the user-ID, the code the
 * device reads aloud and the password. speechSynthesis.speak is recorded by an init script: the
 * digits, one by one, in Danish. In the data: the order collected, the kodeoplæser and the password
 * active, the login approved at Substantial with amr [codeReader, password]. Every page axe clean.
 * (The slot is a minute ahead, so it fails in the last minute before midnight in Copenhagen.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { DeviceOrders } from '../../src/flows/orders/index.ts';
import { CodeDevices, makeDemoBatch } from '../../src/kinds/code-device/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { mitidOrderDeps } from '../../src/roots/mitid/orders.ts';
import { DEMO_PASSWORD } from '../../src/roots/seed/demoPeople.ts';
import { expectAccessible } from '../support/browser.ts';
import { keyCode, mitidServerSecret } from '../support/data.ts';
import { choose, pressEnter, tick, typeInto } from '../support/keyboard.ts';
import { askedKey } from '../support/nemid.ts';
import { latestCode } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';
import { shot } from '../support/shots.ts';

const env = useRunningSystem();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POUL = '0806451113';
const PW = 'Pouls-kodeoplaeser-2026';

/** Records every utterance instead of speaking it (headless Chromium has no voice). */
const RECORD_SPEECH = `window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
  window.speechSynthesis.cancel = () => {};
}`;

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** NemID by keyboard: user-ID, password, then the key card's code. */
async function nemidByKeyboard(page: Page): Promise<void> {
  await typeInto(page, page.getByLabel('Bruger-ID'), 'poulnielsen');
  await typeInto(page, page.getByLabel('Adgangskode'), DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  const { code } = await keyCode(env.data, 'poulnielsen', await askedKey(page));
  await typeInto(page, page.getByLabel('Nøgle', { exact: true }), code);
  await page.keyboard.press('Enter');
}

/** Presses the kodeoplæser's button by keyboard and returns what it said, and the digits. */
async function hearCode(
  page: Page,
  serial: string,
): Promise<{ said: { text: string; lang: string }; code: string }> {
  await page.goto(`${env.system.mitidUrl}/dev/kodeoplaeser/${serial}`);
  await expectAccessible(page);
  await pressEnter(page, button(page, 'Tryk på knappen'));
  await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length > 0);
  const [said] = await page.evaluate(
    () => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken,
  );
  assert.ok(said);
  const code = said.text.replace(/\D/g, '');
  assert.match(code, /^\d{6}$/);
  assert.equal(said.text, code.split('').join(', '), 'digit by digit');
  assert.equal(said.lang, 'da-DK');
  return { said, code };
}

test('Poul: a kodeoplæser picked up at Borgerservice, activated and used, by keyboard alone', async () => {
  const db = env.data.mitid.db;
  const devices = new CodeDevices({
    db,
    serverSecret: await mitidServerSecret(env.system, env.data),
    now: () => Date.now(),
    orderCprOf: async () => undefined,
  });
  const batch = await makeDemoBatch(db, cryptoRandom, 'codeReader', 2, Date.now());
  assert.ok((await devices.importPskc(batch.xml, batch.transportKey)).ok);
  const slotId = `e2e-${cryptoRandom.token(6)}`;
  await db
    .insertInto('office_slots')
    .values({ id: slotId, office_id: 'bs-851', starts_at: Date.now() + 60_000, capacity: 1, booked: 0 })
    .execute();

  // The order on MitID.dk.
  const ctx = await env.browser.newContext({ locale: 'da-DK' });
  await ctx.addInitScript(RECORD_SPEECH);
  const page = await ctx.newPage();
  await page.goto(env.system.mitidUrl);
  await pressEnter(page, page.getByRole('link', { name: 'Få MitID med NemID' }));
  await page.waitForURL(`${env.system.mitidUrl}/nemid/login/**`);
  await nemidByKeyboard(page);
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/valg`);
  await choose(page, page.getByLabel('Kodeoplæser', { exact: true }));
  await pressEnter(page, button(page, 'FORTSÆT'));
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
  await tick(page, page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID'));
  await pressEnter(page, button(page, 'FORTSÆT'));
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
  await typeInto(page, page.getByLabel('Indtast din e-mail'), 'poul@example.dk');
  await pressEnter(page, button(page, 'Send valideringskode').nth(1));
  await page.getByText('Valideringskode er sendt til din e-mail poul@example.dk').waitFor();
  await typeInto(
    page,
    page.getByLabel('Indtast valideringskode fra e-mail'),
    await latestCode(env.system, 'poul@example.dk'),
  );
  await pressEnter(page, button(page, 'Bekræft'));
  await page.getByText('Din e-mail poul@example.dk er bekræftet').waitFor();
  await pressEnter(page, button(page, 'FORTSÆT'));
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
  await pressEnter(page, button(page, 'FORTSÆT'));
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
  await choose(page, page.getByLabel('Hent i Borgerservice'));
  await pressEnter(page, button(page, 'Bestil – FORTSÆT'));
  await page.getByRole('link', { name: 'Vælg en ledig tid.' }).waitFor();
  await shot(page, 'pickup-slots');
  await choose(page, page.locator('input[name="slot"]').first());
  await pressEnter(page, button(page, 'Bestil – FORTSÆT'));
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
  await expectAccessible(page);
  const placed = await db
    .selectFrom('device_orders')
    .selectAll()
    .where('cpr', '=', POUL)
    .executeTakeFirstOrThrow();
  assert.deepEqual([placed.kind, placed.delivery, placed.slot_id], ['codeReader', 'pickup', slotId]);

  // Made ready at the office, and handed over by a clerk.
  const orders = new DeviceOrders(mitidOrderDeps({ db, clock: systemClock, random: cryptoRandom }));
  const ready = await orders.advanceOrder(placed.id, 'ready_for_pickup');
  assert.ok(ready.ok, JSON.stringify(ready));
  const serial = ready.order.serialNumber ?? '';
  const made = execFileSync(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'src/roots/cli/staff.ts',
      'create',
      '--name',
      'Bo Skranke',
      '--office',
      'bs-851',
      '--role',
      'clerk',
      '--login',
      'bo.skranke',
    ],
    { cwd: root, env: { ...process.env, ...env.system.env, LANG: 'en_GB.UTF-8' }, encoding: 'utf8' },
  );
  const clerkPassword = /^ {2}password +(\S+)$/m.exec(made)?.[1] ?? '';
  const clerk = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  await clerk.goto(`${env.system.mitidUrl}/borgerservice`);
  await clerk.getByLabel('Login').fill('bo.skranke');
  await clerk.getByLabel('Adgangskode').fill(clerkPassword);
  await clerk.getByRole('button', { name: 'Log på' }).click();
  await clerk.getByRole('link', { name: /^Udlevér til Poul/ }).click();
  await clerk.getByLabel('Pas').check();
  await clerk.getByLabel('Dokumentnummer').fill('207123456');
  await clerk.getByRole('button', { name: 'Legitimation er kontrolleret' }).click();
  await clerk.getByLabel('Serienummer').fill(serial);
  await clerk.getByRole('button', { name: 'Udlevér' }).click();
  await clerk.getByRole('heading', { name: 'Enheden er udleveret' }).waitFor();
  await clerk.context().close();

  // Poul activates it on MitID.dk: the password, the serial, the code he hears.
  await page.goto(`${env.system.mitidUrl}/tilmelding/mitid-dk`);
  await nemidByKeyboard(page);
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
  await page.getByRole('heading', { name: 'Opret din MitID adgangskode' }).waitFor();
  await shot(page, 'activation');
  await typeInto(page, page.getByLabel('Adgangskode', { exact: true }), PW);
  await typeInto(page, page.getByLabel('Gentag adgangskode'), PW);
  await typeInto(page, page.getByLabel('Serienummer'), serial);
  const device = await ctx.newPage();
  const first = await hearCode(device, serial);
  const heardBy = Date.now(); // the code was of this 30 s step or an earlier one
  await page.bringToFront();
  await typeInto(page, page.getByLabel('Kode', { exact: true }), first.code);
  await pressEnter(page, button(page, 'Aktivér MitID'));
  await page.getByRole('heading', { name: 'Din MitID er klar' }).waitFor();
  await expectAccessible(page);

  // And logs into Borger.dk with it: the method, the user-ID, the next code, the password.
  await page.goto(env.system.borgerUrl);
  await pressEnter(page, page.getByRole('link', { name: 'Log på med MitID' }));
  await page.waitForURL(`${env.system.mitidUrl}/*/login/**`);
  await tabToSummary(page);
  await pressEnter(page, page.locator('button[value="codeDevice"]'));
  await page.getByText('Du bruger MitID kodeviser eller kodeoplæser.').waitFor();
  await typeInto(page, page.locator('#userId'), 'poulnielsen');
  await page.keyboard.press('Enter');
  await page.locator('#code').waitFor();
  await expectAccessible(page);
  // The activation's code never logs in: he presses the device again once it has a new code.
  const nextStepAt = (Math.floor(heardBy / 30_000) + 1) * 30_000;
  await new Promise((done) => setTimeout(done, Math.max(0, nextStepAt - Date.now() + 200)));
  await device.evaluate(() => {
    (window as unknown as { __spoken: unknown[] }).__spoken = [];
  });
  const second = await hearCode(device, serial);
  assert.notEqual(second.code, first.code);
  await page.bringToFront();
  await typeInto(page, page.locator('#code'), second.code);
  await page.keyboard.press('Enter');
  await page.locator('#password').waitFor();
  await typeInto(page, page.locator('#password'), PW);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${env.system.borgerUrl}/**`);
  await page.waitForLoadState('load');
  await page.getByRole('heading', { level: 1, name: 'Dine oplysninger' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Poul Nielsen/);
  await shot(page, 'borger');
  await expectAccessible(page);

  const order = await db
    .selectFrom('device_orders')
    .selectAll()
    .where('id', '=', placed.id)
    .executeTakeFirstOrThrow();
  assert.equal(order.status, 'collected');
  const identity = await db
    .selectFrom('identities')
    .selectAll()
    .where('cpr', '=', POUL)
    .executeTakeFirstOrThrow();
  assert.equal(identity.status, 'active');
  const active = await db
    .selectFrom('authenticators')
    .select(['kind', 'status', 'label'])
    .where('identity_id', '=', identity.id)
    .orderBy('kind')
    .execute();
  assert.deepEqual(
    active.map((a) => [a.kind, a.status, a.label]),
    [
      ['codeReader', 'active', serial],
      ['password', 'active', 'Adgangskode'],
    ],
  );
  const login = await db
    .selectFrom('authentications')
    .selectAll()
    .where('identity_id', '=', identity.id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  assert.equal(login.status, 'approved');
  assert.equal(login.loa, 'substantial');
  assert.deepEqual(JSON.parse(login.amr ?? '[]'), ['codeReader', 'password']);
  await ctx.close();
});

/** Tabs to "Skift login-metode" (a summary) and opens it with Enter. */
async function tabToSummary(page: Page): Promise<void> {
  await pressEnter(page, page.locator('summary', { hasText: 'Skift login-metode' }));
}
