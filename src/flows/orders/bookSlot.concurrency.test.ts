/**
 * Abuse case: more people than places try to book one slot at the same moment (PostgreSQL runs
 * them on separate pooled connections; SQLite interleaves them). Exactly `capacity` succeed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { firstFreeSlot, person, withOrders } from './testing/withOrders.ts';

const people = Array.from({ length: 12 }, (_, i) => person(i + 1));

for (const dialect of await dialectsUnderTest()) {
  describe(`booking race on ${dialect}`, () => {
    test('twenty bookers, two places: exactly two bookings', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        const results = await Promise.all(Array.from({ length: 20 }, () => kit.orders.bookSlot(slotId)));
        assert.equal(results.filter((r) => r.ok).length, 2);
        assert.ok(results.every((r) => r.ok || r.reason === 'slotFull'));
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 2);
      }));

    test('twelve people order for pickup in one slot at once: two orders, two letters', () =>
      withOrders(
        dialect,
        async (kit) => {
          const slotId = await firstFreeSlot(kit, 'bs-751');
          const results = await Promise.all(
            people.map((p) =>
              kit.orders.placeOrder({ cpr: p.cpr, kind: 'codeDisplay', delivery: 'pickup', slotId }),
            ),
          );
          assert.equal(results.filter((r) => r.ok).length, 2);
          assert.ok(results.every((r) => r.ok || r.reason === 'slotFull'));
          assert.equal((await kit.orders.getSlot(slotId))?.booked, 2);
          const orders = await kit.database.db.selectFrom('device_orders').select('cpr').execute();
          assert.equal(orders.length, 2);
          const letters = await kit.database.db
            .selectFrom('messages')
            .select('recipient')
            .where('channel', '=', 'digitalpost')
            .execute();
          assert.deepEqual(letters.map((l) => l.recipient).sort(), orders.map((o) => o.cpr).sort());
        },
        { people },
      ));
  });
}
