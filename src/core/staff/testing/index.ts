/**
 * For tests (not shipped code): a fresh migrated database on `dialect` with the office bs-101 (and
 * bs-751), the staff registry on it and a frozen clock.
 */

import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import type { TestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import type { MitidDb } from '../../db/index.ts';
import { openMitidTestDb } from '../../people/testing/index.ts';
import { StaffRegistry } from '../StaffRegistry.ts';

export interface StaffKit {
  staff: StaffRegistry;
  clock: TestClock;
  database: TestDatabase<MitidDb>;
}

export async function withStaff(dialect: Dialect, body: (kit: StaffKit) => Promise<void>): Promise<void> {
  const database = await openMitidTestDb(dialect);
  try {
    for (const [id, code, city] of [
      ['bs-101', '101', 'København'],
      ['bs-751', '751', 'Aarhus'],
    ] as const) {
      await database.db
        .insertInto('borgerservice_offices')
        .values({
          id,
          municipality_code: code,
          name: `Borgerservice ${city}`,
          street: 'Rådhuspladsen 1',
          postal_code: '1550',
          city,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const clock = new TestClock('2026-11-24T09:00:00Z');
    await body({
      staff: new StaffRegistry({ db: database.db, clock, random: cryptoRandom }),
      clock,
      database,
    });
  } finally {
    await database.close();
  }
}
