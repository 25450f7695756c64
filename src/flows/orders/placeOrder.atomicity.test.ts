/** The booking, the order and the letter are written together or not at all. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { PlaceOrderStep } from './placeOrder.ts';
import { anna, countRows, firstFreeSlot, withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`placing an order atomically on ${dialect}`, () => {
    test('a failure after any step of a pickup order leaves no booking, no order and no letter', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        const input = { cpr: anna.cpr, kind: 'codeDisplay', delivery: 'pickup', slotId } as const;
        const steps: PlaceOrderStep[] = ['booking', 'order', 'letter'];
        for (const failAt of steps) {
          await assert.rejects(
            kit.orders.placeOrder(input, async (step) => {
              if (step === failAt) throw new Error(`crash after ${step}`);
            }),
            new RegExp(`crash after ${failAt}`),
          );
          assert.equal((await kit.orders.getSlot(slotId))?.booked, 0, `booking after failing at ${failAt}`);
          assert.equal(await countRows(kit, 'device_orders'), 0, `orders after failing at ${failAt}`);
          assert.equal(await countRows(kit, 'messages'), 0, `letters after failing at ${failAt}`);
        }
        const seen: PlaceOrderStep[] = [];
        const ok = await kit.orders.placeOrder(input, async (step) => {
          seen.push(step);
        });
        assert.ok(ok.ok);
        assert.deepEqual(seen, steps);
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 1);
      }));

    test('a failure after the order of a post order leaves no letter', () =>
      withOrders(dialect, async (kit) => {
        for (const failAt of ['order', 'letter']) {
          await assert.rejects(
            kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' }, async (step) => {
              if (step === failAt) throw new Error('crash');
            }),
            /crash/,
          );
          assert.equal(await countRows(kit, 'device_orders'), 0);
          assert.equal(await countRows(kit, 'messages'), 0);
        }
        assert.ok((await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' })).ok);
      }));
  });
}
