import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { OrderStatus } from './DeviceOrder.ts';
import { anna, firstFreeSlot, type OrdersKit, withOrders } from './testing/withOrders.ts';

async function postOrder(
  kit: OrdersKit,
  kind: 'codeDisplay' | 'codeReader' = 'codeDisplay',
): Promise<string> {
  const r = await kit.orders.placeOrder({ cpr: anna.cpr, kind, delivery: 'post' });
  assert.ok(r.ok);
  return r.order.id;
}

async function pickupOrder(
  kit: OrdersKit,
  kind: 'codeDisplay' | 'codeReader' = 'codeReader',
): Promise<string> {
  const r = await kit.orders.placeOrder({
    cpr: anna.cpr,
    kind,
    delivery: 'pickup',
    slotId: await firstFreeSlot(kit),
  });
  assert.ok(r.ok);
  return r.order.id;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`tracking an order on ${dialect}`, () => {
    test('post: ordered → packed → shipped (serial number) → delivered (closed)', () =>
      withOrders(dialect, async (kit) => {
        const id = await postOrder(kit);
        const packed = await kit.orders.advanceOrder(id, 'packed');
        assert.ok(packed.ok && packed.changed);
        assert.equal(packed.order.status, 'packed');
        assert.equal(packed.order.serialNumber, null);

        kit.clock.advance(60_000);
        const shipped = await kit.orders.advanceOrder(id, 'shipped');
        assert.ok(shipped.ok && shipped.changed);
        assert.match(shipped.order.serialNumber ?? '', /^KV-\d{9}$/);
        assert.equal(shipped.order.updatedAt, kit.clock.now().getTime());
        assert.equal(shipped.order.open, true);

        const delivered = await kit.orders.advanceOrder(id, 'delivered');
        assert.ok(delivered.ok && delivered.changed);
        assert.equal(delivered.order.serialNumber, shipped.order.serialNumber, 'the serial number stays');
        assert.equal(delivered.order.open, false);
        assert.equal(await kit.orders.openOrder(anna.cpr, 'codeDisplay'), undefined);
      }));

    test('pickup: ordered → ready_for_pickup (serial number) → collected (closed)', () =>
      withOrders(dialect, async (kit) => {
        const id = await pickupOrder(kit);
        const ready = await kit.orders.advanceOrder(id, 'ready_for_pickup');
        assert.ok(ready.ok && ready.changed);
        assert.match(ready.order.serialNumber ?? '', /^KO-\d{9}$/);
        const collected = await kit.orders.advanceOrder(id, 'collected');
        assert.ok(collected.ok && collected.changed);
        assert.equal(collected.order.open, false);
        assert.equal(collected.order.serialNumber, ready.order.serialNumber);
      }));

    test('advancing to the current state again changes nothing, the serial number included', () =>
      withOrders(dialect, async (kit) => {
        const id = await postOrder(kit);
        const ordered = await kit.orders.advanceOrder(id, 'ordered');
        assert.ok(ordered.ok);
        assert.equal(ordered.changed, false);
        const first = await kit.orders.advanceOrder(id, 'shipped');
        assert.ok(first.ok && first.changed);
        kit.clock.advance(60_000);
        for (let i = 0; i < 3; i++) {
          const again = await kit.orders.advanceOrder(id, 'shipped');
          assert.deepEqual(again, { ok: true, order: first.order, changed: false });
        }
      }));

    test('skipping ahead is allowed and still assigns the serial number', () =>
      withOrders(dialect, async (kit) => {
        const id = await postOrder(kit, 'codeReader');
        const delivered = await kit.orders.advanceOrder(id, 'delivered');
        assert.ok(delivered.ok && delivered.changed);
        assert.match(delivered.order.serialNumber ?? '', /^KO-\d{9}$/);
      }));

    test('never backwards, never off the path, never an unknown order', () =>
      withOrders(dialect, async (kit) => {
        const post = await postOrder(kit);
        const pickup = await pickupOrder(kit);
        await kit.orders.advanceOrder(post, 'shipped');
        for (const back of ['ordered', 'packed'] as OrderStatus[]) {
          assert.deepEqual(await kit.orders.advanceOrder(post, back), { ok: false, reason: 'backwards' });
        }
        for (const off of ['ready_for_pickup', 'collected', 'lost'] as OrderStatus[]) {
          assert.deepEqual(await kit.orders.advanceOrder(post, off), { ok: false, reason: 'notOnPath' });
        }
        for (const off of ['packed', 'shipped', 'delivered'] as OrderStatus[]) {
          assert.deepEqual(await kit.orders.advanceOrder(pickup, off), { ok: false, reason: 'notOnPath' });
        }
        await kit.orders.advanceOrder(pickup, 'collected');
        assert.deepEqual(await kit.orders.advanceOrder(pickup, 'ready_for_pickup'), {
          ok: false,
          reason: 'backwards',
        });
        assert.deepEqual(await kit.orders.advanceOrder('no-such-order', 'shipped'), {
          ok: false,
          reason: 'orderNotFound',
        });
        assert.equal((await kit.orders.getOrder(post))?.status, 'shipped');
      }));

    test('deliverAll: every open order of the person arrives, with serial numbers', () =>
      withOrders(dialect, async (kit) => {
        const post = await postOrder(kit, 'codeDisplay');
        const pickup = await pickupOrder(kit, 'codeReader');
        const orders = await kit.orders.deliverAll(anna.cpr);
        const byId = new Map(orders.map((o) => [o.id, o]));
        assert.equal(byId.get(post)?.status, 'delivered');
        assert.equal(byId.get(pickup)?.status, 'collected');
        assert.ok(orders.every((o) => !o.open && o.serialNumber !== null));
        assert.deepEqual(await kit.orders.deliverAll(anna.cpr), orders, 'a second call changes nothing');
        assert.deepEqual(await kit.orders.deliverAll('0202021234'), []);
      }));
  });
}
