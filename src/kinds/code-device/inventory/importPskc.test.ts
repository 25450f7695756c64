/**
 * importPskc on both databases: the whole file or nothing. A serial already in the stock is named
 * and nothing of the file is written; two imports of one file at once import it once; the seeds
 * are sealed (never the seed in the table, and bound to their serial).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { withCodeDevices } from '../codeDeviceTestKit.ts';
import { makeDemoBatch } from './demoBatch.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a serial already known is named, and nothing of the file is imported`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const before = await kit.db.selectFrom('code_device_stock').select('serial').execute();
      const fresh = await makeDemoBatch(kit.db, cryptoRandom, 'codeDisplay', 3, kit.clock.now);
      const known = before[0]?.serial ?? '';
      // The factory's file has a device we already have (as its second entry).
      const xml = fresh.xml.replace(
        `<SerialNo>${fresh.devices[1]?.serial}</SerialNo>`,
        `<SerialNo>${known}</SerialNo>`,
      );
      const r = await kit.devices.importPskc(xml, fresh.transportKey);
      assert.deepEqual(r, {
        ok: false,
        problems: [{ entry: 2, serial: known, problem: 'the serial is already in the stock' }],
      });
      const after = await kit.db.selectFrom('code_device_stock').select('serial').execute();
      assert.equal(after.length, before.length, 'nothing imported');
    });
  });

  test(`${dialect}: two imports of one file at once: imported once, the other told so`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const batch = await makeDemoBatch(kit.db, cryptoRandom, 'codeReader', 40, kit.clock.now);
      const results = await Promise.all([
        kit.devices.importPskc(batch.xml, batch.transportKey),
        kit.devices.importPskc(batch.xml, batch.transportKey),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      const rows = await kit.db
        .selectFrom('code_device_stock')
        .selectAll()
        .where('batch', '=', batch.batch)
        .execute();
      assert.equal(rows.length, 40);
      for (const row of rows.slice(0, 3)) {
        const seed = batch.devices.find((d) => d.serial === row.serial)?.secret;
        assert.ok(seed);
        assert.ok(
          !row.secret.includes(seed.toString('base64url')) && !row.secret.includes(seed.toString('hex')),
        );
        assert.deepEqual(kit.devices.sealer.open(row.secret, row.serial), seed);
        assert.equal(
          kit.devices.sealer.open(row.secret, rows[5]?.serial ?? ''),
          undefined,
          'bound to its serial',
        );
      }
    });
  });
}
