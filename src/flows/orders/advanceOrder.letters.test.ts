/**
 * The letters of the warehouse step: "Din MitID kodeviser er sendt" (post) and "… er klar til
 * afhentning" (pickup) land in the outbox in the order's language, in the same transaction as the
 * state change and the serial: a crash after any of them leaves the order as it was and no letter.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageStore } from '../../core/messages/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { AdvanceStep } from './advanceOrder.ts';
import { anna, countRows, firstFreeSlot, type OrdersKit, withOrders } from './testing/withOrders.ts';

async function newestLetter(kit: OrdersKit) {
  const [m] = await new MessageStore(kit.deps.db).listByRecipient(anna.cpr, { limit: 1 });
  assert.ok(m);
  return m;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`the warehouse letters on ${dialect}`, () => {
    test("shipped: one letter with the tracking number and the serial's last four digits", () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(placed.ok);
        await kit.orders.advanceOrder(placed.order.id, 'packed');
        assert.equal(await countRows(kit, 'messages'), 1, 'packing writes no letter');
        const shipped = await kit.orders.advanceOrder(placed.order.id, 'shipped');
        assert.ok(shipped.ok);
        const letter = await newestLetter(kit);
        assert.equal(letter.channel, 'digitalpost');
        assert.equal(letter.subject, 'Din MitID kodeviser er sendt');
        assert.ok(letter.body.includes(`Forsendelsesnummer: ${placed.order.trackingNo}.`), letter.body);
        assert.ok(letter.body.includes('slutter med 0001.'), letter.body);
        await kit.orders.advanceOrder(placed.order.id, 'delivered');
        assert.equal(await countRows(kit, 'messages'), 2, 'delivery writes no letter');
      }));

    test('ready for pickup, in English as ordered: office, time, photo ID', () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeReader',
          delivery: 'pickup',
          slotId: await firstFreeSlot(kit),
          lang: 'en',
        });
        assert.ok(placed.ok);
        assert.equal(placed.order.lang, 'en');
        assert.ok((await kit.orders.advanceOrder(placed.order.id, 'ready_for_pickup')).ok);
        const letter = await newestLetter(kit);
        assert.equal(letter.subject, 'Your MitID code reader is ready for collection');
        assert.ok(letter.body.includes('Borgerservice København'), letter.body);
        assert.ok(letter.body.includes('passport or a driving licence'));
        assert.ok(letter.body.includes('ends in 0001.'));
      }));

    test('skipping straight to delivered still sends the shipped letter, once', () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(placed.ok);
        assert.ok((await kit.orders.advanceOrder(placed.order.id, 'delivered')).ok);
        assert.equal((await newestLetter(kit)).subject, 'Din MitID kodeviser er sendt');
        assert.equal(await countRows(kit, 'messages'), 2);
      }));

    test('a crash after any write of the step leaves the order unchanged and no letter', () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(placed.ok);
        const steps: AdvanceStep[] = ['status', 'serial', 'letter'];
        for (const failAt of steps) {
          await assert.rejects(
            kit.orders.advanceOrder(placed.order.id, 'shipped', async (s) => {
              if (s === failAt) throw new Error(`crash after ${s}`);
            }),
            new RegExp(`crash after ${failAt}`),
          );
          assert.deepEqual(await kit.orders.getOrder(placed.order.id), placed.order, failAt);
          assert.equal(await countRows(kit, 'messages'), 1, failAt);
        }
        const seen: AdvanceStep[] = [];
        const ok = await kit.orders.advanceOrder(placed.order.id, 'shipped', async (s) => {
          seen.push(s);
        });
        assert.ok(ok.ok && ok.changed);
        assert.deepEqual(seen, steps);
      }));
  });
}
