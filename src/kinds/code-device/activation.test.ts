/**
 * Activation and the stock on both databases: reserve (one device per order, none when out of
 * stock, parallel orders get different devices), verifyForActivation's refusals (a stranger with
 * only a serial is told the same as for an unknown one), its slow-down, and bind (once, only the
 * person whose order it was).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { withCodeDevices } from './codeDeviceTestKit.ts';

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: reserve binds one device per order, again the same for the same order, none when out`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const first = await kit.devices.serials.reserve(kit.db, 'codeReader', 'o-1');
      assert.match(first ?? '', /^KO-\d{9}$/);
      assert.equal(
        await kit.devices.serials.reserve(kit.db, 'codeReader', 'o-1'),
        first,
        'a repeated advance',
      );
      const parallel = await Promise.all(
        ['o-2', 'o-3', 'o-4', 'o-5', 'o-6'].map((o) => kit.devices.serials.reserve(kit.db, 'codeReader', o)),
      );
      const all = [first, ...parallel];
      assert.equal(new Set(all).size, 6, `six devices for six orders: ${all.join(' ')}`);
      assert.equal(await kit.devices.serials.reserve(kit.db, 'codeReader', 'o-7'), undefined, 'out of stock');
      const rows = await kit.db
        .selectFrom('code_device_stock')
        .selectAll()
        .where('kind', '=', 'codeReader')
        .execute();
      assert.ok(rows.every((r) => r.status === 'reserved' && r.order_id !== null));
    });
  });

  test(`${dialect}: a stranger with only a serial, an unknown serial and bad input are refused alike, nothing counted`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const serial = await kit.order(0);
      const code = (await kit.devices.currentCode(serial, kit.clock.now)) ?? '';
      const stranger = kit.people[1]?.cpr ?? '';
      const owner = kit.people[0]?.cpr ?? '';
      const v = (input: { cpr: string; serial: string; code: string; kind?: 'codeDisplay' | 'codeReader' }) =>
        kit.devices.verifyForActivation({ kind: 'codeDisplay', ...input });
      assert.deepEqual(await v({ cpr: stranger, serial, code }), { ok: false, code: 'serialNotYours' });
      assert.deepEqual(await v({ cpr: owner, serial: 'KV-000000001', code }), {
        ok: false,
        code: 'serialNotYours',
      });
      assert.deepEqual(await v({ cpr: owner, serial, code, kind: 'codeReader' }), {
        ok: false,
        code: 'serialNotYours',
      });
      assert.deepEqual(await v({ cpr: owner, serial: 'KV-12', code }), { ok: false, code: 'serialFormat' });
      assert.deepEqual(await v({ cpr: owner, serial: '<script>', code }), {
        ok: false,
        code: 'serialFormat',
      });
      assert.deepEqual(await v({ cpr: owner, serial, code: '12a456' }), { ok: false, code: 'codeFormat' });
      const row = await kit.db
        .selectFrom('code_device_stock')
        .selectAll()
        .where('serial', '=', serial)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.failures, row.status], [0, 'reserved']);
      // Typed leniently: lower case, spaces, no dash.
      const typed = serial.toLowerCase().replace('-', ' ');
      const ok = await v({ cpr: owner, serial: typed, code: `${code.slice(0, 3)} ${code.slice(3)}` });
      assert.equal(ok.ok, true);
    });
  });

  test(`${dialect}: wrong activation codes are counted and slowed; the right one then passes`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const serial = await kit.order(0);
      const cpr = kit.people[0]?.cpr ?? '';
      const code = (await kit.devices.currentCode(serial, kit.clock.now)) ?? '';
      const v = (c: string) => kit.devices.verifyForActivation({ cpr, kind: 'codeDisplay', serial, code: c });
      assert.deepEqual(await v(wrong(code)), { ok: false, code: 'codeWrong', left: 2 });
      assert.deepEqual(await v(wrong(code)), { ok: false, code: 'codeWrong', left: 1 });
      assert.deepEqual(await v(wrong(code)), { ok: false, code: 'slowed', until: kit.clock.now + 60_000 });
      assert.deepEqual(await v(code), { ok: false, code: 'slowed', until: kit.clock.now + 60_000 });
      kit.clock.now += 60_000;
      const now = (await kit.devices.currentCode(serial, kit.clock.now)) ?? '';
      const ok = await v(now);
      assert.equal(ok.ok, true);
    });
  });

  test(`${dialect}: bind makes the device the person's once; another person's bind and a second activation are refused`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial } = await kit.activate(0);
      const owner = kit.people[0];
      const other = kit.people[1];
      assert.ok(owner && other);
      const code = (await kit.devices.currentCode(serial, kit.clock.now + 30_000)) ?? '';
      kit.clock.now += 30_000;
      assert.deepEqual(
        await kit.devices.verifyForActivation({ cpr: owner.cpr, kind: 'codeDisplay', serial, code }),
        {
          ok: false,
          code: 'alreadyActivated',
        },
      );
      assert.deepEqual(
        await kit.devices.verifyForActivation({ cpr: other.cpr, kind: 'codeDisplay', serial, code }),
        {
          ok: false,
          code: 'serialNotYours',
        },
      );
      const again = await kit.db
        .transaction()
        .execute((trx) =>
          kit.devices.bind(trx, { identityId: owner.identityId, serial, step: 1, authenticatorId: 'x' }),
        );
      assert.deepEqual(again, { ok: false, code: 'alreadyActivated' });
      // Person 1's bind of person 0's reserved device: refused, the stock unchanged.
      const reserved = await kit.order(0);
      const theirs = await kit.db.transaction().execute((trx) =>
        kit.devices.bind(trx, {
          identityId: other.identityId,
          serial: reserved,
          step: 1,
          authenticatorId: 'y',
        }),
      );
      assert.deepEqual(theirs, { ok: false, code: 'serialNotYours' });
      const row = await kit.db
        .selectFrom('code_device_stock')
        .select('status')
        .where('serial', '=', reserved)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'reserved');
      assert.equal((await kit.db.selectFrom('code_devices').selectAll().execute()).length, 1);
    });
  });
}
