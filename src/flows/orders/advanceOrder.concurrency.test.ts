/**
 * Abuse cases of tracking: the same event arriving many times at once, and serial numbers that
 * collide. The state moves once, and every serial number stays unique.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom, type Random } from '../../platform/random.ts';
import { anna, type OrdersKit, person, withOrders } from './testing/withOrders.ts';

/** Hands out `serials` as the first 9-digit draws, then random ones. */
function scriptedSerials(serials: string[]): Random {
  const queue = [...serials];
  return {
    ...cryptoRandom,
    digits: (n) => (n === 9 ? (queue.shift() ?? cryptoRandom.digits(n)) : cryptoRandom.digits(n)),
  };
}

async function placeTwo(kit: OrdersKit, otherCpr: string): Promise<[string, string]> {
  const a = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
  const b = await kit.orders.placeOrder({ cpr: otherCpr, kind: 'codeDisplay', delivery: 'post' });
  assert.ok(a.ok && b.ok);
  return [a.order.id, b.order.id];
}

for (const dialect of await dialectsUnderTest()) {
  describe(`tracking under concurrency on ${dialect}`, () => {
    test('ten simultaneous "shipped" events: one change, one serial number', () =>
      withOrders(dialect, async (kit) => {
        const placed = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(placed.ok);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => kit.orders.advanceOrder(placed.order.id, 'shipped')),
        );
        assert.equal(results.filter((r) => r.ok && r.changed).length, 1);
        const serials = new Set(results.map((r) => (r.ok ? r.order.serialNumber : 'refused')));
        assert.equal(serials.size, 1);
        assert.equal([...serials][0], (await kit.orders.getOrder(placed.order.id))?.serialNumber);
      }));

    test('a serial number already taken is drawn again', () => {
      const bo = person(2);
      return withOrders(
        dialect,
        async (kit) => {
          const [a, b] = await placeTwo(kit, bo.cpr);
          const first = await kit.orders.advanceOrder(a, 'shipped');
          assert.ok(first.ok);
          assert.equal(first.order.serialNumber, 'KV-123456789');
          const second = await kit.orders.advanceOrder(b, 'shipped');
          assert.ok(second.ok && second.changed);
          assert.match(second.order.serialNumber ?? '', /^KV-\d{9}$/);
          assert.notEqual(second.order.serialNumber, 'KV-123456789');
        },
        { people: [anna, bo], random: scriptedSerials(['123456789', '123456789']) },
      );
    });

    test('when every draw collides, advanceOrder gives up and changes nothing', () => {
      const bo = person(2);
      return withOrders(
        dialect,
        async (kit) => {
          const [a, b] = await placeTwo(kit, bo.cpr);
          assert.ok((await kit.orders.advanceOrder(a, 'shipped')).ok);
          await assert.rejects(kit.orders.advanceOrder(b, 'shipped'), /could not be advanced/);
          const order = await kit.orders.getOrder(b);
          assert.equal(order?.status, 'ordered');
          assert.equal(order?.serialNumber, null);
        },
        { people: [anna, bo], random: scriptedSerials(Array(6).fill('123456789')) },
      );
    });
  });
}
