/** A fresh, migrated MitID test database on `dialect` (see src/platform/db/testDb.ts). */
import { mitidMigrations } from '../../mitid/db/migrations.ts';
import type { MitidDb } from '../../mitid/db/schema.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';

export function openMitidTestDb(dialect: Dialect): Promise<TestDatabase<MitidDb>> {
  return openTestDatabase<MitidDb>(dialect, mitidMigrations);
}
