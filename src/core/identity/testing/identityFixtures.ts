/** Shared setup of the identity tests (not shipped code). */
import type { Kysely } from 'kysely';
import { createPersonWithNemid } from '../../../flows/nemid/index.ts';
import { TestClock } from '../../../platform/clock.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../../db/index.ts';
import { PeopleStore } from '../../people/index.ts';
import { IdentityError, type IdentityRefusal } from '../IdentityError.ts';

export const T0 = Date.parse('2026-11-24T09:00:00Z');

/** The i-th test person's CPR number (15 May 1983, serials 1000 + i: never a user-ID's digits). */
export const cprOf = (i: number): string => `150583${1000 + i}`;

/** Puts people 0 … count-1 into the person registry. */
export async function addPeople(db: Kysely<MitidDb>, count: number, first = 0): Promise<string[]> {
  const cprs = Array.from({ length: count }, (_, i) => cprOf(first + i));
  const people = new PeopleStore(db);
  for (const cpr of cprs) {
    await people.insert({
      cpr,
      givenName: 'Test',
      familyName: `Person ${cpr.slice(6)}`,
      birthDate: '1983-05-15',
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
      createdAt: T0,
    });
  }
  return cprs;
}

/** A fresh test database with `people` people in it; closed (and dropped) afterwards. */
export async function withIdentityDb(
  dialect: Dialect,
  people: number,
  fn: (database: TestDatabase<MitidDb>, cprs: string[]) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  try {
    await fn(database, await addPeople(database.db, people));
  } finally {
    await database.close();
  }
}

/** For assert.rejects: the error is an IdentityError with this reason. */
export const refusedWith =
  (reason: IdentityRefusal) =>
  (err: unknown): boolean => {
    if (err instanceof IdentityError && err.reason === reason) return true;
    throw err;
  };

export async function count(db: Kysely<MitidDb>, table: 'identities' | 'identity_contacts'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Contacts whose identity does not exist (should always be none). */
export async function orphanContacts(db: Kysely<MitidDb>): Promise<number> {
  const row = await db
    .selectFrom('identity_contacts')
    .leftJoin('identities', 'identities.id', 'identity_contacts.identity_id')
    .where('identities.id', 'is', null)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** People with NemID (createPersonWithNemid), for the reservation tests. */
export const withNemid = {
  /** An ordinary NemID alias, with æ and ø: reserved for Anna in MitID. */
  anna: { cpr: '0101901234', userId: 'Anna.Ærø' },
  /** A NemID user-ID that is Bo's CPR number: reserves nothing. */
  bo: { cpr: '0202851234', userId: '020285-1234' },
  /** A NemID alias holding Carl's CPR digits: Carl cannot use it in MitID, so it reserves nothing. */
  carl: { cpr: '0303751234', userId: 'c03037512.34' },
} as const;

export async function addNemidPeople(db: Kysely<MitidDb>): Promise<void> {
  const clock = new TestClock(new Date(T0));
  for (const [name, { cpr, userId }] of Object.entries(withNemid)) {
    await createPersonWithNemid(
      db,
      cryptoRandom,
      clock,
      {
        cpr,
        givenName: name[0]?.toUpperCase() + name.slice(1),
        familyName: 'Berg',
        street: 'Vestergade 12',
        postalCode: '1456',
        city: 'København K',
        municipalityCode: '101',
      },
      { userId, password: 'Hemmelig-2026' },
    );
  }
}
