/**
 * Prices (selfservice.md §2.5): the first three code devices a person orders are free, kodeviser
 * and kodeoplæser together; the fourth costs 41,76 kr (kodeviser) or 41,71 kr (kodeoplæser); a
 * chip 143,60 kr and never counts. Two orders at once are counted one after the other.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageStore } from '../../core/messages/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { DeviceKind } from './DeviceOrder.ts';
import { formatPrice } from './prices.ts';
import { anna, type OrdersKit, withOrders } from './testing/withOrders.ts';

/** Orders a code device by post and lets it arrive (closed), so another of the kind may follow. */
async function orderAndReceive(kit: OrdersKit, kind: DeviceKind): Promise<number> {
  const r = await kit.orders.placeOrder({ cpr: anna.cpr, kind, delivery: 'post' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.ok((await kit.orders.advanceOrder(r.order.id, 'delivered')).ok);
  return r.order.priceOre;
}

test('formatPrice: "0 kr.", "41,76 kr.", "143,60 kr."; in English "DKK 41.76"', () => {
  assert.equal(formatPrice('da', 0), '0 kr.');
  assert.equal(formatPrice('da', 4176), '41,76 kr.');
  assert.equal(formatPrice('da', 14360), '143,60 kr.');
  assert.equal(formatPrice('en', 4171), 'DKK 41.71');
  assert.equal(formatPrice('en', 0), 'DKK 0');
});

for (const dialect of await dialectsUnderTest()) {
  describe(`prices on ${dialect}`, () => {
    test('three free (display and reader together), then the fourth costs; the chip never counts', () =>
      withOrders(dialect, async (kit) => {
        assert.equal(await kit.orders.priceFor(anna.cpr, 'chip'), 14360);
        assert.equal(await kit.orders.priceFor(anna.cpr, 'codeDisplay'), 0);
        const chip = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'post' });
        assert.ok(chip.ok);
        assert.equal(chip.order.priceOre, 14360);
        assert.equal(await orderAndReceive(kit, 'codeDisplay'), 0);
        assert.equal(await orderAndReceive(kit, 'codeReader'), 0);
        assert.equal(await orderAndReceive(kit, 'codeDisplay'), 0);
        assert.equal(await kit.orders.priceFor(anna.cpr, 'codeDisplay'), 4176);
        assert.equal(await kit.orders.priceFor(anna.cpr, 'codeReader'), 4171);
        assert.equal(await orderAndReceive(kit, 'codeReader'), 4171);
        assert.equal(await orderAndReceive(kit, 'codeDisplay'), 4176);

        const letters = await new MessageStore(kit.deps.db).listByRecipient(anna.cpr, { limit: 100 });
        const paid = letters.filter((m) => m.body.includes('Betaling: faktura i Digital Post.'));
        assert.deepEqual(paid.map((m) => m.body.match(/Pris: [\d,]+ kr\./)?.[0]).sort(), [
          'Pris: 143,60 kr.',
          'Pris: 41,71 kr.',
          'Pris: 41,76 kr.',
        ]);
        assert.equal(letters.filter((m) => m.body.includes('Pris: 0 kr.')).length, 3);
      }));

    test('two orders at once after two free ones: exactly one more is free', () =>
      withOrders(dialect, async (kit) => {
        await orderAndReceive(kit, 'codeDisplay');
        await orderAndReceive(kit, 'codeDisplay');
        const both = await Promise.all([
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' }),
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' }),
        ]);
        const prices = both.map((r) => (r.ok ? r.order.priceOre : -1)).sort((a, b) => a - b);
        assert.ok(prices[0] === 0 && (prices[1] === 4171 || prices[1] === 4176), String(prices));
      }));
  });
}
