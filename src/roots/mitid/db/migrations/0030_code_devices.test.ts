/**
 * 0030_code_devices on both databases: the tables come with the migration, and their checks hold
 * (a kind or TOTP profile not MitID's, one device per order, a code device only of a known
 * authenticator).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

const T = 1_790_000_000_000;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0030 makes the stock and the code devices, with their checks`, async () => {
    const database = await openDatabaseBefore(dialect, '0030_code_devices');
    try {
      await assert.rejects(sql`select serial from code_device_stock`.execute(database.db), 'no table before');
      await migrateToLatest(database);
      const db = database.db as Kysely<MitidDb>;
      const device = (serial: string, over: Record<string, unknown> = {}) =>
        db
          .insertInto('code_device_stock')
          .values({
            serial,
            kind: 'codeDisplay',
            batch: 'b',
            secret: 's',
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            t0: 0,
            status: 'in_stock',
            order_id: null,
            blocked_until: null,
            imported_at: T,
            updated_at: T,
            ...over,
          } as never)
          .execute();
      await device('KV-000000001', { order_id: 'o-1', status: 'reserved' });
      await assert.rejects(device('KV-000000002', { kind: 'chip' }), 'a kind not a code device');
      await assert.rejects(device('KV-000000003', { digits: 8 }), 'a TOTP profile not MitID’s');
      await assert.rejects(device('KV-000000004', { status: 'lost' }), 'a status not in the list');
      await assert.rejects(device('KV-000000005', { order_id: 'o-1' }), 'one device per order');
      const bound = (authenticatorId: string, serial: string) =>
        db
          .insertInto('code_devices')
          .values({
            authenticator_id: authenticatorId,
            serial,
            last_step: 1,
            drift_steps: 0,
            failures: 0,
            rounds: 0,
            blocked_until: null,
            trusted_browser_hash: null,
            trusted_failures: 0,
            trusted_rounds: 0,
            trusted_blocked_until: null,
          })
          .execute();
      await assert.rejects(bound('no-such-authenticator', 'KV-000000001'), 'an authenticator that exists');
    } finally {
      await database.close();
    }
  });
}
