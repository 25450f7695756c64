/** A fresh, migrated MitID test database on `dialect` (see src/platform/db/testDb.ts). */

import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../../db/index.ts';

export function openMitidTestDb(dialect: Dialect): Promise<TestDatabase<MitidDb>> {
  return openTestDatabase<MitidDb>(dialect, mitidMigrations);
}
