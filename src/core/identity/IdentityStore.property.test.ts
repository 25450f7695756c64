/**
 * Property: once a person has a user-ID, nobody else can take any case-variant of it, neither
 * by creating an identity nor by changing theirs, and the live check agrees.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { IdentityError } from './IdentityError.ts';
import { IdentityStore } from './IdentityStore.ts';
import { T0, withIdentityDb } from './testing/identityFixtures.ts';
import { validUserId } from './userIdArbitraries.ts';
import { isValidUserId, normaliseUserId } from './userIdRules.ts';

/** The user-ID with each letter's case chosen at random. */
const withCaseVariant = validUserId.chain((userId) =>
  fc.array(fc.boolean(), { minLength: [...userId].length, maxLength: [...userId].length }).map((flips) => ({
    userId,
    variant: [...userId].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
  })),
);

const reasonOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (err: unknown) => {
      if (err instanceof IdentityError) return err.reason;
      throw err;
    },
  );

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: nobody else can take a case-variant of a taken user-ID`, () =>
    withIdentityDb(dialect, 3, async (database, [holder = '', changer = '', newcomer = '']) => {
      const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
      const other = await store.createIdentity(
        { cpr: changer, userId: 'placeholder', contacts: [] },
        T0,
        'id-c',
      );
      await fc.assert(
        fc.asyncProperty(withCaseVariant, async ({ userId, variant }) => {
          fc.pre(normaliseUserId(userId) !== 'placeholder');
          fc.pre([holder, changer, newcomer].every((cpr) => isValidUserId(userId, { cpr })));
          const id = randomUUID();
          await store.createIdentity({ cpr: holder, userId, contacts: [] }, T0, id);
          try {
            assert.equal(
              await reasonOf(
                store.createIdentity({ cpr: newcomer, userId: variant, contacts: [] }, T0, randomUUID()),
              ),
              'userIdTaken',
            );
            assert.equal(await reasonOf(store.changeUserId(other.id, variant, T0)), 'userIdTaken');
            assert.equal((await store.isUserIdAvailable(variant, newcomer)).available, false);
            assert.equal((await store.getByUserId(variant))?.id, id);
          } finally {
            await database.db.deleteFrom('identities').where('id', '=', id).execute();
          }
        }),
        { numRuns: dialect === 'sqlite' ? 100 : 40 },
      );
    }));
}
