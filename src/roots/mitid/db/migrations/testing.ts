/** Migration tests: a database migrated up to (not including) a migration, then to the latest. */
import type { Dialect } from '../../../../platform/db/database.ts';
import { migrateTestDatabase, openTestDatabase, type TestDatabase } from '../../../../platform/db/testDb.ts';
import { mitidMigrations } from '../migrations.ts';

/** A test database holding every migration before `name` (so rows of the old schema can go in). */
export function openDatabaseBefore(dialect: Dialect, name: string): Promise<TestDatabase<unknown>> {
  const before = Object.fromEntries(Object.entries(mitidMigrations).filter(([n]) => n < name));
  return openTestDatabase<unknown>(dialect, before);
}

/** Runs the rest of the migrations (under the test databases' shared lock on PostgreSQL). */
export const migrateToLatest = (database: TestDatabase<unknown>): Promise<void> =>
  migrateTestDatabase(database, mitidMigrations);
