/**
 * 0029_backchannel_logouts on both databases: the table of the deliveries still to be made, one
 * row per id, next_at nullable (given up), the counts and times as numbers, on a database with
 * every earlier migration.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { BackchannelLogoutsDb } from '../../../../flows/login/index.ts';
import { dialectsUnderTest, openTestDatabase } from '../../../../platform/db/testDb.ts';
import { mitidMigrations } from '../migrations.ts';
import { migrateToLatest } from './testing.ts';

const T = 1_790_000_000_000;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0029 makes backchannel_logouts`, async () => {
    const others = Object.fromEntries(
      // Every migration before 0029 (Kysely refuses one named before a migration already run).
      Object.entries(mitidMigrations).filter(([name]) => name < '0029_backchannel_logouts'),
    );
    const database = await openTestDatabase<unknown>(dialect, others);
    try {
      await assert.rejects(
        sql`select id from backchannel_logouts`.execute(database.db),
        'no table before the migration',
      );
      await migrateToLatest(database);
      const db = database.db as Kysely<BackchannelLogoutsDb>;
      const row = {
        id: 'd1',
        client_id: 'minbank',
        account_id: 'uuid',
        sid: 'sid',
        attempts: 0,
        next_at: T,
        created_at: T,
        last_error: null,
      };
      await db.insertInto('backchannel_logouts').values(row).execute();
      await db
        .insertInto('backchannel_logouts')
        .values({ ...row, id: 'd2', attempts: 4, next_at: null, last_error: 'expected 200 OK' })
        .execute();
      await assert.rejects(db.insertInto('backchannel_logouts').values(row).execute(), 'one row per id');
      const rows = await db.selectFrom('backchannel_logouts').selectAll().orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => [r.id, Number(r.attempts), r.next_at === null ? null : Number(r.next_at)]),
        [
          ['d1', 0, T],
          ['d2', 4, null],
        ],
      );
    } finally {
      await database.close();
    }
  });
}
