import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvalidInputError } from '../../core/people/index.ts';
import { openMitidTestDb } from '../../core/people/testing/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { createPersonWithNemid } from './createPersonWithNemid.ts';
import { annaPerson, countNemidRows } from './testing/storeFixtures.ts';

const nemid = { userId: 'anna90', password: 'Hemmelig-2026' };

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: person and NemID together, or nothing`, async () => {
    const database = await openMitidTestDb(dialect);
    try {
      const { db } = database;
      const clock = new TestClock();
      const people = async () => (await db.selectFrom('people').select('cpr').execute()).length;

      await assert.rejects(
        createPersonWithNemid(
          db,
          cryptoRandom,
          clock,
          { ...annaPerson, city: '' },
          { userId: 'x', password: 'y' },
        ),
        (err: InvalidInputError) =>
          JSON.stringify(err.problems.map((p) => p.field)) === '["city","userId","password"]',
      );
      for (const failAt of ['person', 'credentials', 'card', 'codes']) {
        await assert.rejects(
          createPersonWithNemid(db, cryptoRandom, clock, annaPerson, nemid, async (step) => {
            if (step === failAt) throw new Error('crash');
          }),
          /crash/,
        );
        assert.equal(await people(), 0, failAt);
        assert.deepEqual(await countNemidRows(database), [0, 0, 0], failAt);
      }

      const made = await createPersonWithNemid(db, cryptoRandom, clock, annaPerson, nemid);
      assert.equal(made.person.birthDate, '1990-01-01');
      assert.equal(made.nemid.keyCard.codes.length, 48);
      assert.deepEqual(await countNemidRows(database), [1, 1, 48]);
      await assert.rejects(
        createPersonWithNemid(db, cryptoRandom, clock, annaPerson, { ...nemid, userId: 'anna91' }),
        (err: InvalidInputError) =>
          err.problems[0]?.reason === 'has_nemid' || err.problems[0]?.reason === 'taken',
      );
    } finally {
      await database.close();
    }
  });
}
