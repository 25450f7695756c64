/** Shared setup of the store tests: a test database with Anna in the person registry. */
import type { MitidDb } from '../../../core/db/index.ts';
import { PeopleStore } from '../../../core/people/index.ts';
import { openMitidTestDb } from '../../../core/people/testing/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import type { TestDatabase } from '../../../platform/db/testDb.ts';

export const annaPerson = {
  cpr: '0101901234',
  givenName: 'Anna',
  familyName: 'Berg',
  street: 'Vestergade 12',
  postalCode: '1456',
  city: 'København K',
  municipalityCode: '101',
};

/** Runs `fn` with a fresh database holding Anna; closes (and drops) it afterwards. */
export async function withAnnaDb(
  dialect: Dialect,
  fn: (database: TestDatabase<MitidDb>, clock: TestClock) => Promise<void>,
): Promise<void> {
  const database = await openMitidTestDb(dialect);
  try {
    const clock = new TestClock();
    await new PeopleStore(database.db).create(clock, annaPerson);
    await fn(database, clock);
  } finally {
    await database.close();
  }
}

export async function countNemidRows(database: TestDatabase<MitidDb>): Promise<[number, number, number]> {
  const count = async (table: 'nemid_credentials' | 'nemid_key_cards' | 'nemid_key_codes') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return [await count('nemid_credentials'), await count('nemid_key_cards'), await count('nemid_key_codes')];
}
