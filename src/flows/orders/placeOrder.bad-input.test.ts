/** Abuse case: orders that must be refused, each leaving no order, no letter and no booking. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { DeviceKind } from './DeviceOrder.ts';
import type { PlaceOrderInput } from './placeOrder.ts';
import { anna, countRows, firstFreeSlot, type OrdersKit, withOrders } from './testing/withOrders.ts';

async function assertNothingWritten(kit: OrdersKit): Promise<void> {
  assert.equal(await countRows(kit, 'device_orders'), 0);
  assert.equal(await countRows(kit, 'messages'), 0);
  const booked = await kit.database.db
    .selectFrom('office_slots')
    .select((eb) => eb.fn.sum<number>('booked').as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(booked.n), 0);
}

for (const dialect of await dialectsUnderTest()) {
  describe(`refused orders on ${dialect}`, () => {
    test('a person not in the registry', () =>
      withOrders(dialect, async (kit) => {
        for (const cpr of ['0202021234', '', 'x'.repeat(500)]) {
          assert.deepEqual(await kit.orders.placeOrder({ cpr, kind: 'codeDisplay', delivery: 'post' }), {
            ok: false,
            reason: 'personNotFound',
          });
        }
        assert.deepEqual(
          await kit.orders.placeOrder({
            cpr: '0202021234',
            kind: 'codeDisplay',
            delivery: 'pickup',
            slotId: await firstFreeSlot(kit),
          }),
          { ok: false, reason: 'personNotFound' },
        );
        await assertNothingWritten(kit);
      }));

    test('pickup without a slot, with an unknown, a past or a full slot', () =>
      withOrders(dialect, async (kit) => {
        const order = (slotId?: string) =>
          kit.orders.placeOrder({
            cpr: anna.cpr,
            kind: 'codeDisplay',
            delivery: 'pickup',
            ...(slotId === undefined ? {} : { slotId }),
          });
        assert.deepEqual(await order(), { ok: false, reason: 'slotRequired' });
        assert.deepEqual(await order(''), { ok: false, reason: 'slotRequired' });
        assert.deepEqual(await order('no-such-slot'), { ok: false, reason: 'slotNotFound' });

        const full = await firstFreeSlot(kit);
        await kit.orders.bookSlot(full);
        await kit.orders.bookSlot(full);
        assert.deepEqual(await order(full), { ok: false, reason: 'slotFull' });
        assert.equal((await kit.orders.getSlot(full))?.booked, 2);
        await kit.database.db.updateTable('office_slots').set({ booked: 0 }).execute();

        const past = await firstFreeSlot(kit);
        const slot = await kit.orders.getSlot(past);
        kit.clock.advance((slot?.startsAt ?? 0) - kit.clock.now().getTime() + 1);
        assert.deepEqual(await order(past), { ok: false, reason: 'slotPast' });
        await assertNothingWritten(kit);
      }));

    test('a slot on a post order, an unknown kind or delivery: a programming error, thrown', () =>
      withOrders(dialect, async (kit) => {
        await assert.rejects(
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post', slotId: 'x' }),
          TypeError,
        );
        await assert.rejects(
          kit.orders.placeOrder({ cpr: anna.cpr, kind: 'token' as DeviceKind, delivery: 'post' }),
          TypeError,
        );
        await assert.rejects(
          kit.orders.placeOrder({
            cpr: anna.cpr,
            kind: 'codeDisplay',
            delivery: 'drone',
          } as unknown as PlaceOrderInput),
          TypeError,
        );
        await assertNothingWritten(kit);
      }));
  });
}
