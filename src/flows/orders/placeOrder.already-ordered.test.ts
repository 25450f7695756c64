/** Abuse case: one open order per person and kind, also when orders race. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { anna, countRows, firstFreeSlot, withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`one open order per kind on ${dialect}`, () => {
    test('a second order of the same kind is refused, by post or for pickup, and writes nothing', () =>
      withOrders(dialect, async (kit) => {
        assert.ok((await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' })).ok);
        const slotId = await firstFreeSlot(kit);
        assert.deepEqual(
          await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' }),
          {
            ok: false,
            reason: 'alreadyOrdered',
          },
        );
        assert.deepEqual(
          await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'pickup', slotId }),
          { ok: false, reason: 'alreadyOrdered' },
        );
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 0, 'the refused order booked nothing');
        assert.equal(await countRows(kit, 'device_orders'), 1);
        assert.equal(await countRows(kit, 'messages'), 1);
      }));

    test('once delivered, the person may order again', () =>
      withOrders(dialect, async (kit) => {
        const first = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(first.ok);
        await kit.orders.deliverAll(anna.cpr);
        const second = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(second.ok);
        assert.notEqual(second.order.id, first.order.id);
      }));

    test('ten simultaneous orders of one kind by one person: exactly one is placed, with one letter', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            kit.orders.placeOrder(
              i % 2 === 0
                ? { cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' }
                : { cpr: anna.cpr, kind: 'codeDisplay', delivery: 'pickup', slotId },
            ),
          ),
        );
        assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
        assert.ok(results.every((r) => r.ok || r.reason === 'alreadyOrdered' || r.reason === 'slotFull'));
        assert.equal(await countRows(kit, 'device_orders'), 1);
        assert.equal(await countRows(kit, 'messages'), 1);
        const winner = results.find((r) => r.ok);
        const booked = (await kit.orders.getSlot(slotId))?.booked;
        assert.equal(
          booked,
          winner?.ok && winner.order.delivery === 'pickup' ? 1 : 0,
          'losers hold no booking',
        );
      }));
  });
}
