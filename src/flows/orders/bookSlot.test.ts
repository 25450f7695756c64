import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { firstFreeSlot, withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`booking a slot on ${dialect}`, () => {
    test('a booking takes one place, up to the capacity', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        const first = await kit.orders.bookSlot(slotId);
        assert.ok(first.ok);
        assert.equal(first.slot.booked, 1);
        const second = await kit.orders.bookSlot(slotId);
        assert.ok(second.ok);
        assert.equal(second.slot.booked, 2);
      }));

    test('a full slot is refused with slotFull and stays at its capacity', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        await kit.orders.bookSlot(slotId);
        await kit.orders.bookSlot(slotId);
        assert.deepEqual(await kit.orders.bookSlot(slotId), { ok: false, reason: 'slotFull' });
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 2);
      }));

    test('a slot that has begun is refused with slotPast, even with places left', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        const slot = await kit.orders.getSlot(slotId);
        assert.ok(slot);
        kit.clock.advance(slot.startsAt - kit.clock.now().getTime()); // exactly at the start
        assert.deepEqual(await kit.orders.bookSlot(slotId), { ok: false, reason: 'slotPast' });
        kit.clock.advance(60 * 60_000);
        assert.deepEqual(await kit.orders.bookSlot(slotId), { ok: false, reason: 'slotPast' });
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 0);
      }));

    test('an unknown slot is refused with slotNotFound', () =>
      withOrders(dialect, async (kit) => {
        assert.deepEqual(await kit.orders.bookSlot('no-such-slot'), { ok: false, reason: 'slotNotFound' });
        assert.deepEqual(await kit.orders.bookSlot(''), { ok: false, reason: 'slotNotFound' });
      }));
  });
}
