/**
 * Abuse cases of tracking: the same event arriving many times at once, two orders shipped at
 * once, and an empty stock. The state moves once, a serial is reserved once, and an order that
 * cannot get a device stays as it was.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { memoryStock } from './testing/memoryStock.ts';
import { anna, countRows, type OrdersKit, person, withOrders } from './testing/withOrders.ts';

async function placePost(kit: OrdersKit, cpr = anna.cpr, kind: 'codeDisplay' | 'codeReader' = 'codeDisplay') {
  const r = await kit.orders.placeOrder({ cpr, kind, delivery: 'post' });
  assert.ok(r.ok);
  return r.order.id;
}

/** A stock with one kodeviser and no kodeoplæser. */
function withoutReaders(stock: ReturnType<typeof memoryStock>) {
  stock.left.codeReader = [];
  return stock;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`tracking under concurrency on ${dialect}`, () => {
    test('ten simultaneous "shipped" events: one change, one serial reserved, one letter', () =>
      withOrders(dialect, async (kit) => {
        const id = await placePost(kit);
        await kit.orders.advanceOrder(id, 'packed');
        const letters = await countRows(kit, 'messages');
        const results = await Promise.all(
          Array.from({ length: 10 }, () => kit.orders.advanceOrder(id, 'shipped')),
        );
        assert.equal(results.filter((r) => r.ok && r.changed).length, 1);
        assert.ok(results.every((r) => r.ok));
        const serials = new Set(results.map((r) => (r.ok ? r.order.serialNumber : 'refused')));
        assert.deepEqual([...serials], ['KV-100000001']);
        assert.equal(kit.stock.calls, 1, 'the losers never reached the stock');
        assert.deepEqual(kit.stock.reserved, [{ serial: 'KV-100000001', orderId: id }]);
        assert.equal(await countRows(kit, 'messages'), letters + 1);
      }));

    test('two orders shipped at once get two different serials', () => {
      const bo = person(2);
      return withOrders(
        dialect,
        async (kit) => {
          const a = await placePost(kit);
          const b = await placePost(kit, bo.cpr);
          const [ra, rb] = await Promise.all([
            kit.orders.advanceOrder(a, 'shipped'),
            kit.orders.advanceOrder(b, 'shipped'),
          ]);
          assert.ok(ra.ok && rb.ok);
          assert.notEqual(ra.order.serialNumber, rb.order.serialNumber);
          assert.deepEqual(kit.stock.reserved.map((r) => r.orderId).sort(), [a, b].sort());
        },
        { people: [anna, bo] },
      );
    });

    test('out of stock: outOfStock, the order unchanged, no letter; it ships once stock arrives', () =>
      withOrders(
        dialect,
        async (kit) => {
          const id = await placePost(kit, anna.cpr, 'codeReader');
          assert.ok((await kit.orders.advanceOrder(id, 'packed')).ok);
          const before = await kit.orders.getOrder(id);
          const letters = await countRows(kit, 'messages');
          kit.clock.advance(60_000);
          for (const to of ['shipped', 'delivered'] as const) {
            assert.deepEqual(await kit.orders.advanceOrder(id, to), { ok: false, reason: 'outOfStock' });
          }
          assert.deepEqual(await kit.orders.getOrder(id), before);
          assert.equal(await countRows(kit, 'messages'), letters);
          // A kodeviser in stock does not help a kodeoplæser order.
          assert.equal(kit.stock.left.codeDisplay.length, 1);

          kit.stock.left.codeReader.push('KO-900000001');
          const shipped = await kit.orders.advanceOrder(id, 'shipped');
          assert.ok(shipped.ok && shipped.changed);
          assert.equal(shipped.order.serialNumber, 'KO-900000001');
        },
        { stock: withoutReaders(memoryStock(1)) },
      ));
  });
}
