/**
 * Karen's kodeviser from the NemID login to a MitID that is ready (decision 0014 §5), through the
 * whole system (`npm start`): the order by post (as enrollment-devices.test.ts), a demo batch in
 * the stock and the order delivered with a device of it (what the warehouse does: flows/orders'
 * deliver with the stock as its source, on the running system's database), back through Min
 * Bank's NemID login and FÅ MITID NU to the activation page, the password, the serial and the code
 * the device shows (computed from its seed, as the device does), then "Din MitID er klar"; the
 * data checked: the kodeviser and the password active, the identity active, the stock activated.
 * Then she logs into Min Bank with MitID: "Skift login-metode" → the kodeviser, her user-ID, the
 * code read off the simulator's display (/dev/kodeviser/<serial>), her password, and her CPR number
 * (the first MitID login at a private bank); in the data: the authentication approved at
 * Substantial with amr [codeDisplay, password], and Min Bank's MitID session.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeviceOrders } from '../../src/flows/orders/index.ts';
import { CodeDevices, createSerialSource, makeDemoBatch } from '../../src/kinds/code-device/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { expectAccessible } from '../support/browser.ts';
import { mitidServerSecret } from '../support/data.ts';
import { nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { latestCode } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';
import { shot } from '../support/shots.ts';

const env = useRunningSystem();
const KAREN = '0202612046';
const PW = 'Karens-kodeviser-2026';

test('Karen activates her kodeviser: password, serial, the code, and her MitID is ready', async () => {
  const db = env.data.mitid.db;
  const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  await page.goto(env.system.bankUrl);
  await page.getByRole('link', { name: 'Log på med NemID' }).click();
  await nemidPassword(page, KAREN);
  await nemidKeyCode(page, env.data, KAREN);
  await page.getByRole('button', { name: 'FÅ MITID NU' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/vilkaar`);
  await page.getByLabel('Jeg har læst og forstået vilkår og betingelser for MitID').check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.getByLabel('Kodeviser', { exact: true }).check();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/kontakt`);
  await page.getByLabel('Indtast din e-mail').fill('karen@example.dk');
  await page.getByRole('button', { name: 'Send valideringskode', exact: true }).nth(1).click();
  await page.getByText('Valideringskode er sendt til din e-mail karen@example.dk').waitFor();
  await page
    .getByLabel('Indtast valideringskode fra e-mail')
    .fill(await latestCode(env.system, 'karen@example.dk'));
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.getByText('Din e-mail karen@example.dk er bekræftet').waitFor();
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/bruger-id`);
  await page.getByLabel('Bruger-ID', { exact: true }).fill('KarenH.61');
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/hent`);
  await page.getByLabel('Med posten').check();
  await page.getByRole('button', { name: 'Bestil – FORTSÆT' }).click();
  await page.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
  await page.context().close();

  // The warehouse: a batch in the stock, the parcel shipped with one of its devices, delivered.
  const devices = new CodeDevices({
    db,
    serverSecret: await mitidServerSecret(env.system, env.data),
    now: () => Date.now(),
    orderCprOf: async (id, on = db) =>
      (await on.selectFrom('device_orders').select('cpr').where('id', '=', id).executeTakeFirst())?.cpr,
  });
  const batch = await makeDemoBatch(db, cryptoRandom, 'codeDisplay', 3, Date.now());
  assert.ok((await devices.importPskc(batch.xml, batch.transportKey)).ok);
  const orders = new DeviceOrders({
    db,
    clock: systemClock,
    random: cryptoRandom,
    serials: createSerialSource(() => Date.now()),
  });
  const [order] = await orders.deliverAll(KAREN);
  const serial = order?.serialNumber ?? '';
  assert.equal(order?.status, 'delivered');

  // Back through the bank with NemID: the activation page.
  const again = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
  const p = again;
  await p.goto(env.system.bankUrl);
  await p.getByRole('link', { name: 'Log på med NemID' }).click();
  await nemidPassword(p, KAREN);
  await nemidKeyCode(p, env.data, KAREN);
  // Min Bank knows she has begun: its banner continues where she left off.
  await p.getByRole('button', { name: 'FORTSÆT MED MITID' }).click();
  await p.waitForURL(`${env.system.mitidUrl}/tilmelding/*/aktiver`);
  await p.getByRole('heading', { name: 'Opret din MitID adgangskode' }).waitFor();
  await expectAccessible(p);
  await p.getByLabel('Adgangskode', { exact: true }).fill(PW);
  await p.getByLabel('Gentag adgangskode').fill(PW);
  await p.getByLabel('Serienummer').fill(serial);
  // Karen presses the button: the code the device shows now.
  const activatedAt = Date.now();
  await p.getByLabel('Kode', { exact: true }).fill((await devices.currentCode(serial, activatedAt)) ?? '');
  await p.getByRole('button', { name: 'Aktivér MitID' }).click();
  await p.getByRole('heading', { name: 'Din MitID er klar' }).waitFor();
  assert.match(await p.locator('main').innerText(), /KarenH\.61/);
  await expectAccessible(p);

  const identity = await db
    .selectFrom('identities')
    .selectAll()
    .where('cpr', '=', KAREN)
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
      ['codeDisplay', 'active', serial],
      ['password', 'active', 'Adgangskode'],
    ],
  );
  const stock = await db
    .selectFrom('code_device_stock')
    .select('status')
    .where('serial', '=', serial)
    .executeTakeFirstOrThrow();
  assert.equal(stock.status, 'activated');
  await p.context().close();

  // Karen logs into Min Bank with MitID: the user-ID, the kodeviser's code, the password.
  const ctx = await env.browser.newContext({ locale: 'da-DK' });
  const box = await ctx.newPage();
  await box.goto(env.system.bankUrl);
  await box.getByRole('link', { name: 'Log på med MitID' }).click();
  await box.waitForURL(`${env.system.mitidUrl}/op/login/**`);
  await shot(box, 'box');
  await box.locator('summary', { hasText: 'Skift login-metode' }).click();
  await box.locator('button[value="codeDevice"]').click();
  await box.getByText('Du bruger MitID kodeviser eller kodeoplæser.').waitFor();
  await expectAccessible(box);
  await box.locator('#userId').fill('KarenH.61');
  await box.locator('#userId').press('Enter');
  await box.locator('#code').waitFor();
  await shot(box, 'box-code');
  await expectAccessible(box);
  // She presses the kodeviser's button (its simulator page) and reads the code off its display:
  // a new one, since the activation's code never logs in (it waits for the device's next 30 s).
  const nextStepAt = (Math.floor(activatedAt / 30_000) + 1) * 30_000;
  await new Promise((done) => setTimeout(done, Math.max(0, nextStepAt - Date.now() + 200)));
  const device = await ctx.newPage();
  await device.goto(`${env.system.mitidUrl}/dev/kodeviser/${serial}`);
  await device.getByRole('button', { name: 'Tryk på knappen' }).click();
  const shown = ((await device.locator('[data-sim-screen] .sim-digits').textContent()) ?? '').replace(
    /\s/g,
    '',
  );
  await shot(device, 'kodeviser');
  assert.match(shown, /^\d{6}$/);
  await device.close();
  await box.locator('#code').fill(shown);
  await box.locator('#code').press('Enter');
  await box
    .locator('#password')
    .waitFor({ timeout: 5000 })
    .catch(async (e) => {
      await shot(box, 'box-code-refused');
      throw e;
    });
  await expectAccessible(box);
  await box.locator('#password').fill(PW);
  await box.locator('#password').press('Enter');
  // A first MitID login at a private bank: the CPR match.
  await box.getByRole('heading', { level: 1, name: 'Bekræft dit CPR-nummer' }).waitFor();
  await shot(box, 'box-cpr');
  await expectAccessible(box);
  await box.getByRole('textbox', { name: 'CPR-nummer' }).fill(KAREN);
  await box.getByRole('button', { name: 'Bekræft', exact: true }).click();
  await box.waitForURL(`${env.system.bankUrl}/oversigt`);
  await box.locator('main').getByText('Budgetkonto').first().waitFor();
  assert.match(await box.locator('main').innerText(), /Velkommen, Karen Hansen/);
  await shot(box, 'bank');
  await expectAccessible(box);

  const login = await db
    .selectFrom('authentications')
    .selectAll()
    .where('identity_id', '=', identity.id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  assert.equal(login.client_id, 'minbank');
  assert.equal(login.status, 'approved');
  assert.equal(login.loa, 'substantial');
  assert.deepEqual(JSON.parse(login.amr ?? '[]'), ['codeDisplay', 'password']);
  const sessions = await env.data.bank.db.selectFrom('sessions').select('data').execute();
  assert.ok(
    sessions.some((s) => {
      const d = JSON.parse(s.data) as { cpr?: string; method?: string };
      return d.cpr === KAREN && d.method === 'mitid';
    }),
    'Min Bank holds her MitID session',
  );
  await ctx.close();
});
