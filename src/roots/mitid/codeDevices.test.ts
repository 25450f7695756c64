/**
 * The root's code devices: the built MitID app registers both code kinds for the login box, and
 * the orders port reads a real order's CPR number, so a device reserved for Bo's order activates
 * for Bo and for nobody else.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { addPeople } from '../../core/identity/testing/index.ts';
import { makeDemoBatch } from '../../kinds/code-device/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp, mitidCoreOf } from './app.ts';
import { createCodeDevices } from './codeDevices.ts';
import { mitidMigrations } from './db/migrations.ts';

test('the app registers both code kinds, and the orders port reads the order of the device', async () => {
  const database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'code-devices-root-'));
  try {
    const clock = new TestClock();
    const deps = {
      config: loadConfig({ DATA_DIR: dataDir }),
      secrets: {
        cookieKey: 'mitid-cookie-key-for-tests-0123456789',
        serverSecret: 'mitid-server-secret-for-tests-0123456789',
        bankClientSecret: 'bank-client-secret-for-tests-0123456789',
      },
      db: database.db,
      clock,
      random: cryptoRandom,
      logger: pino({ level: 'silent' }),
    };
    const app = await buildMitidApp(deps, { oidcLogin: false });
    try {
      const core = mitidCoreOf(app);
      assert.equal(core.implementations.codeDisplay?.name, 'codeDisplay');
      assert.equal(core.implementations.codeReader?.name, 'codeReader');
    } finally {
      await app.close();
    }

    const [bo, cille] = await addPeople(database.db, 2);
    assert.ok(bo && cille);
    const devices = createCodeDevices(deps);
    const now = clock.now().getTime();
    const batch = await makeDemoBatch(database.db, cryptoRandom, 'codeDisplay', 2, now);
    assert.equal((await devices.importPskc(batch.xml, batch.transportKey)).ok, true);
    await database.db
      .insertInto('device_orders')
      .values({
        id: 'order-bo',
        cpr: bo,
        kind: 'codeDisplay',
        delivery: 'post',
        status: 'shipped',
        open: 1,
        office_id: null,
        slot_id: null,
        ship_name: 'Bo',
        ship_street: 'Vestergade 12',
        ship_postal_code: '1456',
        ship_city: 'København K',
        serial_number: null,
        tracking_no: null,
        letter_id: null,
        created_at: now,
        expected_by: now,
        updated_at: now,
      })
      .execute();
    const serial = await devices.serials.reserve(database.db, 'codeDisplay', 'order-bo');
    assert.ok(serial);
    const code = (await devices.currentCode(serial, now)) ?? '';
    const input = { kind: 'codeDisplay' as const, serial, code };
    assert.deepEqual(await devices.verifyForActivation({ ...input, cpr: cille }), {
      ok: false,
      code: 'serialNotYours',
    });
    const mine = await devices.verifyForActivation({ ...input, cpr: bo });
    assert.equal(mine.ok, true);
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
