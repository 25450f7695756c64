import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../core/people/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { createNemidIdentity } from './createNemidIdentity.ts';
import { issueKeyCard } from './issueKeyCard.ts';
import { verifyPassword } from './passwordHash.ts';
import { countNemidRows, withAnnaDb } from './testing/storeFixtures.ts';

const input = { cpr: '010190-1234', userId: 'Anna90', password: 'Hemmelig-2026' };

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: creates credentials, an active card and 48 codes`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const id = await createNemidIdentity(database.db, cryptoRandom, clock, input);
      assert.equal(id.cpr, '0101901234');
      assert.equal(id.userId, 'Anna90');
      assert.equal(id.keyCard.codes.length, 48);
      const cred = await database.db.selectFrom('nemid_credentials').selectAll().executeTakeFirstOrThrow();
      assert.equal(cred.user_id_norm, 'anna90');
      assert.equal(await verifyPassword(cred.password_hash, input.password), true);
      const card = await database.db.selectFrom('nemid_key_cards').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual([card.card_number, card.active, card.cpr], [id.keyCard.cardNumber, 1, '0101901234']);
      assert.deepEqual(await countNemidRows(database), [1, 1, 48]);
    }));

  test(`${dialect}: bad input, a taken user-ID or a second NemID write nothing`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const create = (over: Partial<typeof input>) =>
        createNemidIdentity(database.db, cryptoRandom, clock, { ...input, ...over });
      const reasons = async (over: Partial<typeof input>) => {
        try {
          await create(over);
        } catch (err) {
          if (err instanceof InvalidInputError) return err.problems.map((p) => `${p.field}:${p.reason}`);
          throw err;
        }
        return [];
      };
      assert.deepEqual(await reasons({ cpr: '0202902345' }), ['cpr:unknown_person']);
      assert.deepEqual(await reasons({ userId: 'ab', password: 'short' }), [
        'userId:too_short',
        'password:too_short',
      ]);
      assert.deepEqual(await reasons({ password: 'xanna90x1' }), ['password:contains_user_id']);
      assert.deepEqual(await reasons({ userId: '0202902345' }), ['userId:not_own_cpr']);
      assert.deepEqual(await countNemidRows(database), [0, 0, 0]);

      await create({});
      assert.deepEqual(await reasons({}), ['cpr:has_nemid']);
      assert.deepEqual(await countNemidRows(database), [1, 1, 48]);
    }));

  test(`${dialect}: user-IDs are unique without regard to case`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      await createNemidIdentity(database.db, cryptoRandom, clock, input);
      await database.db
        .insertInto('people')
        .values({
          cpr: '0202902345',
          given_name: 'Bo',
          family_name: 'Berg',
          birth_date: '1990-02-02',
          street: 'Vestergade 12',
          postal_code: '1456',
          city: 'København K',
          municipality_code: '101',
          created_at: 0,
        })
        .execute();
      await assert.rejects(
        createNemidIdentity(database.db, cryptoRandom, clock, {
          ...input,
          cpr: '0202902345',
          userId: 'ANNA90',
        }),
        (err: InvalidInputError) => err.problems[0]?.reason === 'taken',
      );
    }));

  test(`${dialect}: a CPR number as user-ID, for its owner`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const id = await createNemidIdentity(database.db, cryptoRandom, clock, {
        ...input,
        userId: '010190-1234',
      });
      assert.equal(id.userId, '0101901234');
    }));

  test(`${dialect}: a new key card replaces the active one`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const id = await createNemidIdentity(database.db, cryptoRandom, clock, input);
      const card = await issueKeyCard(database.db, cryptoRandom, clock, id.cpr);
      const cards = await database.db
        .selectFrom('nemid_key_cards')
        .select(['id', 'active'])
        .orderBy('active')
        .execute();
      assert.deepEqual(
        cards.map((c) => ({ ...c })),
        [
          { id: id.keyCard.id, active: 0 },
          { id: card.id, active: 1 },
        ],
      );
      await assert.rejects(issueKeyCard(database.db, cryptoRandom, clock, '0202902345'), InvalidInputError);
    }));
}
