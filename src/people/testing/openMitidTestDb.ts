/**
 * A fresh MitID test database on `dialect`: openTestDatabase (src/platform/db/testDb.ts) for
 * SQLite; for PostgreSQL the same, except that the migration tables are pinned to the test's own
 * schema.
 *
 * Why: platform `migrate()` runs Kysely's Migrator without `migrationTableSchema`, and the Migrator
 * then looks for `kysely_migration*` in EVERY schema (migrator.js #doesTableExist). As soon as any
 * other test schema exists (a parallel test file, or one left by a crashed run), it skips creating
 * its own tables and fails with 'relation "kysely_migration_lock" does not exist'. Remove this file
 * once migrate() passes migrationTableSchema on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { Migrator } from 'kysely';
import pg from 'pg';
import { mitidMigrations } from '../../mitid/db/migrations.ts';
import type { MitidDb } from '../../mitid/db/schema.ts';
import { type Dialect, openDatabase } from '../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase, testPostgresUrl } from '../../platform/db/testDb.ts';

async function dropSchema(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await admin.end();
  }
}

export async function openMitidTestDb(dialect: Dialect): Promise<TestDatabase<MitidDb>> {
  if (dialect === 'sqlite') return openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  const name = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase<MitidDb>({ url: testPostgresUrl, dataDir: '', name, poolSize: 5 });
  try {
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => mitidMigrations },
      migrationTableSchema: name,
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (err) {
    await database.close();
    await dropSchema(name);
    throw err;
  }
  return {
    ...database,
    where: name,
    url: testPostgresUrl,
    name,
    close: async () => {
      await database.close();
      await dropSchema(name);
    },
  };
}
