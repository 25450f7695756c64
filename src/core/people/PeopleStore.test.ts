import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClock } from '../../platform/clock.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { InvalidInputError } from './InvalidInputError.ts';
import { PeopleStore } from './PeopleStore.ts';
import { openMitidTestDb } from './testing/openMitidTestDb.ts';

const input = {
  cpr: '0101901234',
  givenName: 'Anna',
  familyName: 'Berg',
  street: 'Vestergade 12',
  postalCode: '1456',
  city: 'København K',
  municipalityCode: '101',
};

const withDb = async (dialect: Dialect, fn: (store: PeopleStore) => Promise<void>): Promise<void> => {
  const database = await openMitidTestDb(dialect);
  try {
    await fn(new PeopleStore(database.db));
  } finally {
    await database.close();
  }
};

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: create, getByCpr and list`, () =>
    withDb(dialect, async (store) => {
      const clock = new TestClock();
      const anna = await store.create(clock, input);
      assert.equal(anna.birthDate, '1990-01-01');
      assert.equal(anna.createdAt, clock.now().getTime());
      assert.deepEqual(await store.getByCpr('0101901234'), anna);
      assert.equal(await store.getByCpr('0202902345'), undefined);
      await store.create(clock, { ...input, cpr: '020290-2345', givenName: 'Aase' });
      assert.deepEqual(
        (await store.list()).map((p) => p.givenName),
        ['Aase', 'Anna'],
      );
    }));

  test(`${dialect}: bad input and a taken CPR number write nothing`, () =>
    withDb(dialect, async (store) => {
      const clock = new TestClock();
      await assert.rejects(store.create(clock, { ...input, municipalityCode: '12' }), InvalidInputError);
      assert.deepEqual(await store.list(), []);
      await store.create(clock, input);
      await assert.rejects(
        store.create(clock, { ...input, givenName: 'Other' }),
        (err: InvalidInputError) => err.problems[0]?.reason === 'taken',
      );
      assert.equal((await store.list()).length, 1);
    }));
}
