/**
 * The Borgerservice handover as `npm start` runs it: a demo person has a kodeviser ordered for
 * pickup at bs-101 today, ready at the office with a serial from the stock (the start's demo batch); a clerk made with
 * `npm run staff -- create` logs in at /borgerservice (a wrong password first: a clear message),
 * sees "Dagens afhentninger", checks the ID, types a wrong serial (a clear message, nothing
 * changed), then the right one, and presses Udlevér; the order is `collected` by that clerk, with
 * the ID type and the last 4 of its number only. Every page passes axe, in Danish and English.
 * (The slot is made a minute ahead, so the order is today's whatever the time of day, except in
 * the last minute before midnight in Copenhagen.)
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DeviceOrders } from '../../src/flows/orders/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { mitidOrderDeps } from '../../src/roots/mitid/orders.ts';
import { expectAccessible } from '../support/browser.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const karen = '0202612046'; // a demo person: Karen Hansen

const staffCli = (...args: string[]): string =>
  execFileSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'src/roots/cli/staff.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, ...env.system.env, LANG: 'en_GB.UTF-8' },
      encoding: 'utf8',
    },
  );

/** Karen's kodeviser, ordered for a slot a minute from now at bs-101 and ready at the office. */
async function readyPickup(): Promise<{ orderId: string; serial: string }> {
  const db = env.data.mitid.db;
  const orders = new DeviceOrders(mitidOrderDeps({ db, clock: systemClock, random: cryptoRandom }));
  const slotId = `browser-test-${cryptoRandom.token(6)}`;
  await db
    .insertInto('office_slots')
    .values({ id: slotId, office_id: 'bs-101', starts_at: Date.now() + 60_000, capacity: 1, booked: 0 })
    .execute();
  const placed = await orders.placeOrder({ cpr: karen, kind: 'codeDisplay', delivery: 'pickup', slotId });
  assert.ok(placed.ok, JSON.stringify(placed));
  const ready = await orders.advanceOrder(placed.order.id, 'ready_for_pickup');
  assert.ok(ready.ok, JSON.stringify(ready));
  const serial = ready.order.serialNumber ?? '';
  const stock = await db
    .selectFrom('code_device_stock')
    .selectAll()
    .where('serial', '=', serial)
    .executeTakeFirst();
  assert.equal(
    stock?.status,
    'reserved',
    'the serial comes from the stock (the demo batch npm start imported)',
  );
  return { orderId: placed.order.id, serial };
}

describe('the Borgerservice handover', () => {
  test('a clerk logs in, checks the ID, scans the serial and hands over; the order is collected by them', async () => {
    const made = staffCli(
      'create',
      '--name',
      'Birgit Skranke',
      '--office',
      'bs-101',
      '--role',
      'clerk',
      '--login',
      'birgit',
    );
    const password = /^ {2}password +(\S+)$/m.exec(made)?.[1];
    assert.ok(password, made);
    const { orderId, serial } = await readyPickup();

    const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
    await page.goto(`${env.system.mitidUrl}/borgerservice`);
    await expectAccessible(page);
    await page.getByLabel('Login').fill('birgit');
    await page.getByLabel('Adgangskode').fill('not the password');
    await page.getByRole('button', { name: 'Log på' }).click();
    await page.getByRole('link', { name: 'Login eller adgangskode er forkert.' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log på' }).click();

    await page.getByRole('heading', { name: 'Dagens afhentninger' }).waitFor();
    assert.ok(await page.getByText('Birgit Skranke, Borgerservice København').isVisible());
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Udlevér til Karen Hansen' }).click();

    await page.getByRole('heading', { name: 'Kontrollér legitimation' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Kørekort').check();
    await page.getByLabel('Dokumentnummer').fill('3124 5678');
    await page.getByRole('button', { name: 'Legitimation er kontrolleret' }).click();

    await page.getByRole('heading', { name: 'Scan eller indtast serienummeret' }).waitFor();
    assert.ok(await page.getByText('Legitimation: Kørekort, nummer der slutter på 5678.').isVisible());
    await expectAccessible(page);
    await page.getByLabel('Serienummer').fill('KV-000000000');
    await page.getByRole('button', { name: 'Udlevér' }).click();
    await page.getByRole('link', { name: /Serienummeret passer ikke til bestillingen/ }).waitFor();
    await expectAccessible(page);
    const before = await env.data.mitid.db
      .selectFrom('device_orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(before.status, 'ready_for_pickup', 'a wrong serial changes nothing');

    await page.getByLabel('Serienummer').fill(serial);
    await page.getByRole('button', { name: 'Udlevér' }).click();
    await page.getByRole('heading', { name: 'Enheden er udleveret' }).waitFor();
    await expectAccessible(page);

    const clerk = await env.data.mitid.db
      .selectFrom('staff')
      .select('id')
      .where('login', '=', 'birgit')
      .executeTakeFirstOrThrow();
    const row = await env.data.mitid.db
      .selectFrom('device_orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'collected');
    assert.equal(row.handed_over_by, clerk.id);
    assert.ok(Number(row.handed_over_at) > 0);
    assert.equal(row.id_type, 'drivingLicence');
    assert.equal(row.id_last4, '5678');

    await page.goto(`${env.system.mitidUrl}/borgerservice?lang=en`);
    await page.getByRole('heading', { name: "Today's pickups" }).waitFor();
    assert.ok(await page.getByText(/Handed over at/).isVisible());
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.context().close();
  });
});
