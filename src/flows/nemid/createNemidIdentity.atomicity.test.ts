/** Credentials, card and codes are written in one transaction: a failure at any step leaves nothing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { createNemidIdentity } from './createNemidIdentity.ts';
import { countNemidRows, withAnnaDb } from './testing/storeFixtures.ts';

const input = { cpr: '0101901234', userId: 'Anna90', password: 'Hemmelig-2026' };

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a failure after any step rolls everything back`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const seen: string[] = [];
      await createNemidIdentity(database.db, cryptoRandom, clock, input, async (step) => {
        seen.push(step);
      });
      assert.deepEqual(seen, ['credentials', 'card', 'codes']);
      await database.db.deleteFrom('nemid_credentials').execute();
      await database.db.deleteFrom('nemid_key_cards').execute();

      for (const failAt of seen) {
        await assert.rejects(
          createNemidIdentity(database.db, cryptoRandom, clock, input, async (step) => {
            if (step === failAt) throw new Error(`crash after ${step}`);
          }),
          /crash after/,
        );
        assert.deepEqual(await countNemidRows(database), [0, 0, 0], `failure after ${failAt}`);
      }
      await createNemidIdentity(database.db, cryptoRandom, clock, input);
      assert.deepEqual(await countNemidRows(database), [1, 1, 48]);
    }));
}
