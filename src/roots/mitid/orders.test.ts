/**
 * The fulfilment as the service wires it (mitidOrderDeps): serials from kinds/code-device's
 * stock, on both databases. A code device leaves the warehouse with a device from the stock,
 * reserved for its order in the same transaction as the state change (a crash leaves the device
 * in stock), once even when ten advances race; an empty stock is 'outOfStock', nothing changed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { PeopleStore } from '../../core/people/index.ts';
import { openMitidTestDb } from '../../core/people/testing/index.ts';
import { DeviceOrders } from '../../flows/orders/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidOrderDeps } from './orders.ts';

const anna = {
  cpr: '0101901234',
  givenName: 'Anna',
  familyName: 'Berg',
  street: 'Nørrebrogade 12',
  postalCode: '2200',
  city: 'København N',
  municipalityCode: '101',
};
const bo = { ...anna, cpr: '0203851234', givenName: 'Bo' };

/** A device in stock, as an import leaves it (the sealed seed is not read by a reservation). */
async function stock(db: Kysely<MitidDb>, serial: string, now: number): Promise<void> {
  await db
    .insertInto('code_device_stock')
    .values({
      serial,
      kind: serial.startsWith('KV-') ? 'codeDisplay' : 'codeReader',
      batch: 'test-batch',
      secret: 'sealed-seed-not-read-here',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      t0: 0,
      status: 'in_stock',
      order_id: null,
      blocked_until: null,
      imported_at: now,
      updated_at: now,
    })
    .execute();
}

async function stockRow(db: Kysely<MitidDb>, serial: string) {
  const r = await db
    .selectFrom('code_device_stock')
    .select(['status', 'order_id'])
    .where('serial', '=', serial)
    .executeTakeFirstOrThrow();
  return { status: r.status, order_id: r.order_id };
}

async function withService(
  dialect: 'sqlite' | 'postgres',
  body: (db: Kysely<MitidDb>, orders: DeviceOrders) => Promise<void>,
) {
  const database = await openMitidTestDb(dialect);
  try {
    const clock = new TestClock('2026-11-24T09:00:00Z');
    for (const p of [anna, bo]) await new PeopleStore(database.db).create(clock, p);
    await body(
      database.db,
      new DeviceOrders(mitidOrderDeps({ db: database.db, clock, random: cryptoRandom })),
    );
  } finally {
    await database.close();
  }
}

for (const dialect of await dialectsUnderTest()) {
  describe(`fulfilment from the stock on ${dialect}`, () => {
    test('shipped takes a device of the kind from the stock, reserved for the order', () =>
      withService(dialect, async (db, orders) => {
        const now = Date.parse('2026-11-24T09:00:00Z');
        await stock(db, 'KV-100000001', now);
        await stock(db, 'KO-100000002', now);
        const placed = await orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' });
        assert.ok(placed.ok);
        const shipped = await orders.advanceOrder(placed.order.id, 'shipped');
        assert.ok(shipped.ok && shipped.changed);
        assert.equal(shipped.order.serialNumber, 'KO-100000002');
        assert.deepEqual(await stockRow(db, 'KO-100000002'), {
          status: 'reserved',
          order_id: placed.order.id,
        });
        assert.deepEqual(await stockRow(db, 'KV-100000001'), { status: 'in_stock', order_id: null });
      }));

    test('an empty stock: outOfStock, the order and the stock unchanged', () =>
      withService(dialect, async (db, orders) => {
        await stock(db, 'KV-100000001', Date.now());
        const placed = await orders.placeOrder({ cpr: anna.cpr, kind: 'codeReader', delivery: 'post' });
        assert.ok(placed.ok);
        assert.deepEqual(await orders.advanceOrder(placed.order.id, 'shipped'), {
          ok: false,
          reason: 'outOfStock',
        });
        assert.deepEqual(await orders.getOrder(placed.order.id), placed.order);
        assert.deepEqual(await stockRow(db, 'KV-100000001'), { status: 'in_stock', order_id: null });
      }));

    test('a crash after the letter leaves the device in stock and the order as it was', () =>
      withService(dialect, async (db, orders) => {
        await stock(db, 'KV-100000001', Date.now());
        const placed = await orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(placed.ok);
        await assert.rejects(
          orders.advanceOrder(placed.order.id, 'shipped', async (s) => {
            if (s === 'letter') throw new Error('crash');
          }),
          /crash/,
        );
        assert.deepEqual(await stockRow(db, 'KV-100000001'), { status: 'in_stock', order_id: null });
        assert.deepEqual(await orders.getOrder(placed.order.id), placed.order);
      }));

    test('ten advances at once reserve one device; two orders at once get two', () =>
      withService(dialect, async (db, orders) => {
        for (const s of ['KV-100000001', 'KV-100000002', 'KV-100000003']) await stock(db, s, Date.now());
        const a = await orders.placeOrder({ cpr: anna.cpr, kind: 'codeDisplay', delivery: 'post' });
        const b = await orders.placeOrder({ cpr: bo.cpr, kind: 'codeDisplay', delivery: 'post' });
        assert.ok(a.ok && b.ok);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            orders.advanceOrder(i % 2 ? a.order.id : b.order.id, 'shipped'),
          ),
        );
        assert.ok(results.every((r) => r.ok));
        assert.equal(results.filter((r) => r.ok && r.changed).length, 2);
        const reserved = await db
          .selectFrom('code_device_stock')
          .select(['serial', 'order_id'])
          .where('status', '=', 'reserved')
          .orderBy('serial')
          .execute();
        assert.equal(reserved.length, 2);
        assert.deepEqual(reserved.map((r) => r.order_id).sort(), [a.order.id, b.order.id].sort());
        const serials = [
          (await orders.getOrder(a.order.id))?.serialNumber,
          (await orders.getOrder(b.order.id))?.serialNumber,
        ];
        assert.deepEqual(
          serials.sort(),
          reserved.map((r) => r.serial),
        );
        assert.deepEqual(await stockRow(db, 'KV-100000003'), { status: 'in_stock', order_id: null });
      }));
  });
}
