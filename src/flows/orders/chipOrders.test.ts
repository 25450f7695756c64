/**
 * Chip orders: by post only, one open at a time, 143,60 kr., ordered → packed → shipped →
 * delivered with a "sendt" letter but no serial from the stock (the chip is registered with
 * WebAuthn on MitID.dk later).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageStore } from '../../core/messages/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { anna, countRows, firstFreeSlot, withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`chip orders on ${dialect}`, () => {
    test('post: ordered → packed → shipped (a letter, no serial, the stock untouched) → delivered', () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'post' });
        assert.ok(placed.ok);
        assert.equal(placed.order.kind, 'chip');
        assert.match(placed.order.trackingNo ?? '', /^RR\d{9}DK$/);
        for (const to of ['packed', 'shipped', 'delivered'] as const) {
          const r = await kit.orders.advanceOrder(placed.order.id, to);
          assert.ok(r.ok && r.changed, to);
          assert.equal(r.order.serialNumber, null);
        }
        assert.equal(kit.stock.calls, 0);
        const letters = await new MessageStore(kit.deps.db).listByRecipient(anna.cpr);
        assert.deepEqual(letters.map((m) => m.subject).sort(), [
          'Din MitID chip er bestilt',
          'Din MitID chip er sendt',
        ]);
        assert.equal((await kit.orders.getOrder(placed.order.id))?.open, false);
      }));

    test('never for pickup: chipByPostOnly, nothing written', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        assert.deepEqual(
          await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'pickup', slotId }),
          {
            ok: false,
            reason: 'chipByPostOnly',
          },
        );
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 0);
        assert.equal(await countRows(kit, 'device_orders'), 0);
        assert.equal(await countRows(kit, 'messages'), 0);
      }));

    test('one open chip order per person, also when two are placed at once; a code device beside it is fine', () =>
      withOrders(dialect, async (kit) => {
        const both = await Promise.all([
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'post' }),
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'post' }),
        ]);
        assert.equal(both.filter((r) => r.ok).length, 1);
        assert.deepEqual(
          both.find((r) => !r.ok),
          { ok: false, reason: 'alreadyOrdered' },
        );
        assert.ok((await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' })).ok);
        assert.equal(await countRows(kit, 'device_orders'), 2);
      }));
  });
}
