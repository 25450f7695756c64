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

describe('the orders development page', () => {
  test('move a chip order along; a kodeoplæser with no stock is refused on the page; English too', async () => {
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

    const readerRow = page.getByRole('row').filter({ hasText: reader.order.id });
    await readerRow.getByRole('button', { name: 'Flyt til: Klar til afhentning' }).click();
    await page.getByRole('alert').filter({ hasText: 'Der er ingen MitID kodeoplæser på lager' }).waitFor();
    await expectAccessible(page);
    assert.equal((await orders().getOrder(reader.order.id))?.status, 'ordered');

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
