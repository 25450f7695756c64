/**
 * The Borgerservice handover: ready_for_pickup → collected once, with the clerk, the time and the
 * photo ID (type, last 4) recorded; the wrong device, an order not there yet, a second or
 * concurrent handover, a post order, someone else's order id and bad ID input are refused and
 * change nothing. And the clerk's list of the day.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { PhotoIdType } from './handOver.ts';
import { anna, firstFreeSlot, type OrdersKit, person, withOrders } from './testing/withOrders.ts';

async function readyOrder(kit: OrdersKit, cpr = anna.cpr, officeId = 'bs-101') {
  const r = await kit.orders.placeOrder({
    cpr,
    kind: 'codeReader',
    delivery: 'pickup',
    slotId: await firstFreeSlot(kit, officeId),
  });
  assert.ok(r.ok);
  const ready = await kit.orders.advanceOrder(r.order.id, 'ready_for_pickup');
  assert.ok(ready.ok);
  return ready.order;
}

const clerk = { staffId: 'staff-1', idType: 'passport' as PhotoIdType, idLast4: '1234' };

for (const dialect of await dialectsUnderTest()) {
  describe(`the Borgerservice handover on ${dialect}`, () => {
    test('the right serial (scanned in any case, with spaces): collected, with clerk, time and ID', () =>
      withOrders(dialect, async (kit) => {
        const order = await readyOrder(kit);
        kit.clock.advance(60_000);
        const typed = ` ${order.serialNumber?.toLowerCase().replace('-', '- ')} `;
        assert.deepEqual(
          await kit.orders.handOver({ orderId: order.id, serial: typed, ...clerk, idLast4: 'ab12' }),
          {
            ok: true,
          },
        );
        const after = await kit.orders.getOrder(order.id);
        assert.equal(after?.status, 'collected');
        assert.equal(after?.open, false);
        assert.deepEqual(after?.handover, {
          staffId: 'staff-1',
          at: kit.clock.now().getTime(),
          idType: 'passport',
          idLast4: 'AB12',
        });
      }));

    test('another device, an order not yet at the office, a post order, an unknown id: refused, nothing changed', () =>
      withOrders(dialect, async (kit) => {
        const order = await readyOrder(kit);
        assert.deepEqual(await kit.orders.handOver({ orderId: order.id, serial: 'KO-999999999', ...clerk }), {
          ok: false,
          reason: 'serialMismatch',
        });
        assert.deepEqual(await kit.orders.getOrder(order.id), order);

        const waiting = await kit.orders.placeOrder({
          cpr: anna.cpr,
          kind: 'codeDisplay',
          delivery: 'pickup',
          slotId: await firstFreeSlot(kit),
        });
        assert.ok(waiting.ok);
        assert.deepEqual(
          await kit.orders.handOver({ orderId: waiting.order.id, serial: 'KV-100000001', ...clerk }),
          {
            ok: false,
            reason: 'notReady',
          },
        );

        const post = await kit.orders.placeOrder({ cpr: anna.cpr, kind: 'chip', delivery: 'post' });
        assert.ok(post.ok);
        for (const orderId of [post.order.id, 'no-such-order']) {
          assert.deepEqual(
            await kit.orders.handOver({ orderId, serial: order.serialNumber ?? '', ...clerk }),
            {
              ok: false,
              reason: 'orderNotFound',
            },
          );
        }
        assert.equal((await kit.orders.getOrder(waiting.order.id))?.status, 'ordered');
        assert.equal((await kit.orders.getOrder(post.order.id))?.status, 'ordered');
      }));

    test('bad ID input: idInvalid, nothing changed', () =>
      withOrders(dialect, async (kit) => {
        const order = await readyOrder(kit);
        const serial = order.serialNumber ?? '';
        for (const bad of [
          { idType: 'library card' as PhotoIdType, idLast4: '1234' },
          { idType: 'passport' as PhotoIdType, idLast4: '123' },
          { idType: 'passport' as PhotoIdType, idLast4: '12345' },
          { idType: 'drivingLicence' as PhotoIdType, idLast4: '' },
          { idType: 'drivingLicence' as PhotoIdType, idLast4: '12<3' },
        ]) {
          assert.deepEqual(
            await kit.orders.handOver({ orderId: order.id, serial, staffId: 'staff-1', ...bad }),
            {
              ok: false,
              reason: 'idInvalid',
            },
          );
        }
        assert.deepEqual(await kit.orders.getOrder(order.id), order);
      }));

    test('twice, and five at once: handed over once, the others alreadyCollected', () =>
      withOrders(dialect, async (kit) => {
        const order = await readyOrder(kit);
        const serial = order.serialNumber ?? '';
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            kit.orders.handOver({ orderId: order.id, serial, ...clerk, staffId: `staff-${i}` }),
          ),
        );
        assert.equal(results.filter((r) => r.ok).length, 1);
        assert.ok(results.every((r) => r.ok || r.reason === 'alreadyCollected'));
        const after = await kit.orders.getOrder(order.id);
        assert.deepEqual(await kit.orders.handOver({ orderId: order.id, serial, ...clerk }), {
          ok: false,
          reason: 'alreadyCollected',
        });
        assert.deepEqual(await kit.orders.getOrder(order.id), after, 'the first handover stays recorded');
      }));

    test("the clerk's list: the office's pickups of the day, in time order, with name and birth date", () => {
      const bo = person(3);
      return withOrders(
        dialect,
        async (kit) => {
          const a = await readyOrder(kit, anna.cpr);
          const now = kit.clock.now().getTime();
          const later = (await kit.orders.freeSlots('bs-101', now, now + DAY * 30))[1];
          assert.ok(later);
          const b = await kit.orders.placeOrder({
            cpr: bo.cpr,
            kind: 'codeDisplay',
            delivery: 'pickup',
            slotId: later.id,
          });
          assert.ok(b.ok);
          await readyOrder(kit, bo.cpr, 'bs-751');
          const slot = await kit.orders.getSlot(a.slotId ?? '');
          assert.ok(slot);
          const dayStart = slot.startsAt - (slot.startsAt % DAY);
          const list = await kit.orders.pickupsOf('bs-101', dayStart, dayStart + DAY);
          assert.deepEqual(
            list.map((p) => [p.orderId, p.name, p.birthDate, p.status]),
            [
              [a.id, 'Anna Berg', '1990-01-01', 'ready_for_pickup'],
              [b.order.id, `${bo.givenName} ${bo.familyName}`, '1985-03-03', 'ordered'],
            ],
          );
          assert.equal(list[0]?.serialNumber, a.serialNumber);
          assert.ok(!JSON.stringify(list).includes(anna.cpr), 'no CPR number on the list');
          assert.deepEqual(await kit.orders.pickupsOf('bs-101', dayStart + DAY, dayStart + 2 * DAY), []);
        },
        { people: [anna, bo] },
      );
    });
  });
}
