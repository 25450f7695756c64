import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HOUR } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { withOrders } from './testing/withOrders.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`office slots on ${dialect}`, () => {
    test('free slots lie in [from, to), earliest first, and leave out full ones', () =>
      withOrders(dialect, async ({ orders, clock }) => {
        const now = clock.now().getTime(); // 10:00 in Copenhagen
        const today = await orders.freeSlots('bs-101', now, now + 5 * HOUR);
        assert.equal(today.length, 9); // 10:30 … 14:30
        assert.deepEqual(
          today.map((s) => s.startsAt),
          [...today.map((s) => s.startsAt)].sort((a, b) => a - b),
        );
        assert.ok(today.every((s) => s.officeId === 'bs-101' && s.capacity === 2 && s.booked === 0));

        const first = today[0];
        assert.ok(first);
        assert.deepEqual(await orders.freeSlots('bs-101', first.startsAt, first.startsAt + 1), [first]);
        assert.deepEqual(
          await orders.freeSlots('bs-101', first.startsAt + 1, first.startsAt + 30 * 60_000),
          [],
        );

        await orders.bookSlot(first.id);
        assert.equal((await orders.freeSlots('bs-101', now, now + 5 * HOUR)).length, 9, 'one place is left');
        await orders.bookSlot(first.id);
        const left = await orders.freeSlots('bs-101', now, now + 5 * HOUR);
        assert.equal(left.length, 8);
        assert.ok(!left.some((s) => s.id === first.id));
        assert.deepEqual(await orders.freeSlots('bs-751', now, now + 5 * HOUR).then((s) => s.length), 9);
        assert.deepEqual(await orders.freeSlots('no-such-office', now, now + 5 * HOUR), []);
      }));
  });
}
