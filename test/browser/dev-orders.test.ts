/**
 * The development page /dev/ordrer: the open orders, one button per order to move it one step
 * (CSRF), a refusal shown on the page with nothing changed, in Danish and English, axe-clean.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DeviceOrders } from '../../src/flows/orders/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { mitidOrderDeps } from '../../src/roots/mitid/orders.ts';
import { expectAccessible } from '../support/browser.ts';
import { outbox } from '../support/outbox.ts';
import { useRunningSystem } from '../support/running.ts';

const env = useRunningSystem();
const karen = '0202612046'; // a demo person

const newPage = async (locale = 'da-DK'): Promise<Page> =>
  (await env.browser.newContext({ locale })).newPage();

function orders(): DeviceOrders {
  return new DeviceOrders({ db: env.data.mitid.db, clock: systemClock, random: cryptoRandom });
}

/** As the service wires them: with the stock. */
function mitidOrders(): DeviceOrders {
  return new DeviceOrders(
    mitidOrderDeps({ db: env.data.mitid.db, clock: systemClock, random: cryptoRandom }),
  );
}

describe('the orders development page', () => {
  test('move a chip order along; a stale button is refused on the page, nothing changed; English too', async () => {
    const chip = await orders().placeOrder({ cpr: karen, kind: 'chip', delivery: 'post' });
    const now = Date.now();
    const [slot] = await orders().freeSlots('bs-101', now, now + 21 * 86_400_000);
    assert.ok(chip.ok && slot);
    const reader = await orders().placeOrder({
      cpr: karen,
      kind: 'codeReader',
      delivery: 'pickup',
      slotId: slot.id,
    });
    assert.ok(reader.ok);

    const page = await newPage();
    await page.goto(`${env.system.mitidUrl}/dev/ordrer`);
    await page.getByRole('heading', { name: 'Ordrer (udvikling)' }).waitFor();
    await expectAccessible(page);
    const chipRow = () => page.getByRole('row').filter({ hasText: chip.order.id });
    assert.match(await chipRow().innerText(), /MitID chip \(Med posten\)\s+Bestilt\s+143,60 kr\./);

    await chipRow().getByRole('button', { name: 'Flyt til: Pakket' }).click();
    await chipRow().getByRole('button', { name: 'Flyt til: Afsendt' }).click();
    await chipRow().getByRole('button', { name: 'Flyt til: Leveret' }).waitFor();
    assert.equal((await orders().getOrder(chip.order.id))?.status, 'shipped');
    assert.ok((await outbox(env.system, karen)).some((m) => m.subject === 'Din MitID chip er sendt'));

    // A stale page: the order moved on meanwhile, so its old button is refused and nothing changes.
    const readerRow = page.getByRole('row').filter({ hasText: reader.order.id });
    const stale = readerRow.getByRole('button', { name: 'Flyt til: Klar til afhentning' });
    await stale.waitFor();
    const serial = `KO-9${cryptoRandom.digits(8)}`;
    await env.data.mitid.db
      .insertInto('code_device_stock')
      .values({
        serial,
        kind: 'codeReader',
        batch: 'browser-test',
        secret: 'sealed-seed-not-read-here',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        t0: 0,
        status: 'in_stock',
        order_id: null,
        blocked_until: null,
        imported_at: Date.now(),
        updated_at: Date.now(),
      })
      .execute();
    const moved = await mitidOrders().advanceOrder(reader.order.id, 'collected');
    assert.ok(moved.ok && moved.order.serialNumber);
    await stale.click();
    await page.getByRole('alert').filter({ hasText: 'Ordren er allerede længere fremme.' }).waitFor();
    await expectAccessible(page);
    assert.deepEqual(await mitidOrders().getOrder(reader.order.id), moved.order);

    const en = await newPage('en-GB');
    await en.goto(`${env.system.mitidUrl}/dev/ordrer?lang=en`);
    await en.getByRole('heading', { name: 'Orders (development)' }).waitFor();
    await en.getByRole('button', { name: 'Move to: Delivered' }).waitFor();
    await expectAccessible(en);
  });

  test('a POST without the CSRF token is refused and changes nothing', async () => {
    const open = await orders().openOrders();
    const order = open[0];
    assert.ok(order);
    const res = await fetch(`${env.system.mitidUrl}/dev/ordrer/${order.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'to=delivered',
    });
    assert.equal(res.status, 403);
    assert.deepEqual(await orders().getOrder(order.id), order);
  });
});
