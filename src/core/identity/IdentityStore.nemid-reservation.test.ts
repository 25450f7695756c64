/**
 * The guide: "Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke, hvis det
 * er dit CPR-nummer." A NemID user-ID is refused to everybody but its owner, who may take it
 * (in any case); a NemID user-ID that is a CPR number reserves nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { IdentityError } from './IdentityError.ts';
import { IdentityStore } from './IdentityStore.ts';
import {
  addNemidPeople,
  count,
  refusedWith,
  T0,
  withIdentityDb,
  withNemid,
} from './testing/identityFixtures.ts';

const { anna, bo, carl } = withNemid;

for (const dialect of await dialectsUnderTest()) {
  describe(`NemID user-IDs reserved in MitID on ${dialect}`, () => {
    test('another person cannot take it, in any case; its owner can', () =>
      withIdentityDb(dialect, 1, async (database, [stranger = '']) => {
        await addNemidPeople(database.db);
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        for (const variant of ['Anna.Ærø', 'anna.ærø', 'ANNA.ÆRØ']) {
          await assert.rejects(
            store.createIdentity({ cpr: stranger, userId: variant, contacts: [] }, T0, 'id-s'),
            (err: IdentityError) =>
              err.reason === 'userIdReserved' && err.problems[0]?.id === 'enrollment.userId.taken',
          );
          assert.equal((await store.isUserIdAvailable(variant, stranger)).available, false);
          assert.deepEqual(await store.isUserIdAvailable(variant, anna.cpr), { available: true });
        }
        assert.equal(await count(database.db, 'identities'), 0);
        const mine = await store.createIdentity(
          { cpr: anna.cpr, userId: 'ANNA.ÆRØ', contacts: [] },
          T0,
          'id-a',
        );
        assert.equal(mine.userId, 'ANNA.ÆRØ');
        // Once she has it, it is simply taken.
        await assert.rejects(
          store.createIdentity({ cpr: stranger, userId: 'anna.ærø', contacts: [] }, T0, 'id-s'),
          (err: IdentityError) => err.reason === 'userIdReserved' || err.reason === 'userIdTaken',
        );
      }));

    test('nobody can change to it either; its owner can change to it later', () =>
      withIdentityDb(dialect, 1, async (database, [stranger = '']) => {
        await addNemidPeople(database.db);
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await store.createIdentity({ cpr: stranger, userId: 'some.name', contacts: [] }, T0, 'id-s');
        await assert.rejects(store.changeUserId('id-s', 'anna.ærø', T0 + 1), refusedWith('userIdReserved'));
        await store.createIdentity({ cpr: anna.cpr, userId: 'anna.first', contacts: [] }, T0, 'id-a');
        assert.equal((await store.changeUserId('id-a', 'Anna.Ærø', T0 + 1)).userId, 'Anna.Ærø');
      }));

    test('a NemID user-ID that is a CPR number reserves nothing (and is no MitID user-ID anyway)', () =>
      withIdentityDb(dialect, 1, async (database, [stranger = '']) => {
        await addNemidPeople(database.db);
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        assert.equal(await nemidReservation(database.db).ownerOf(bo.cpr), undefined);
        assert.equal(await nemidReservation(database.db).ownerOf('anna.ærø'), anna.cpr);
        for (const typed of [bo.cpr, bo.userId]) {
          for (const cpr of [bo.cpr, stranger]) {
            const live = await store.isUserIdAvailable(typed, cpr);
            assert.equal(live.available === false && live.reason, 'invalidUserId', `${typed} for ${cpr}`);
          }
        }
        // Bo chooses another user-ID; nothing stands in his way.
        await store.createIdentity({ cpr: bo.cpr, userId: 'bo.berg', contacts: [] }, T0, 'id-b');
      }));

    test('a NemID alias holding its owner’s CPR digits is not reserved: the owner could never use it', () =>
      withIdentityDb(dialect, 1, async (database, [stranger = '']) => {
        await addNemidPeople(database.db);
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await assert.rejects(
          store.createIdentity({ cpr: carl.cpr, userId: carl.userId, contacts: [] }, T0, 'id-c'),
          (err: IdentityError) =>
            err.reason === 'invalidUserId' && err.problems.some((p) => p.id === 'enrollment.userId.isOwnCpr'),
        );
        assert.equal(await nemidReservation(database.db).ownerOf(carl.userId), undefined);
        // Consistent with nemidUserIdSuggestion: what is not suggested to the owner is not reserved.
        await store.createIdentity({ cpr: stranger, userId: carl.userId, contacts: [] }, T0, 'id-s');
      }));

    test('the reservation comes through the port: a store without one checks no user-ID and writes nothing', () =>
      withIdentityDb(dialect, 1, async (database, [stranger = '']) => {
        await addNemidPeople(database.db);
        const bare = new IdentityStore(database.db);
        await assert.rejects(
          bare.createIdentity({ cpr: stranger, userId: 'Anna.Ærø', contacts: [] }, T0, 'id-s'),
          /without a NemidReservation/,
        );
        await assert.rejects(bare.isUserIdAvailable('anna.ærø', stranger), /without a NemidReservation/);
        assert.equal(await count(database.db, 'identities'), 0);
        // Whatever the port says is what identity refuses: here every user-ID is Bo's.
        const asked: string[] = [];
        const everythingBos = new IdentityStore(database.db, {
          nemidReservation: {
            ownerOf: async (norm) => {
              asked.push(norm);
              return bo.cpr;
            },
          },
        });
        await assert.rejects(
          everythingBos.createIdentity({ cpr: stranger, userId: 'Someone.Else', contacts: [] }, T0, 'id-s'),
          (err: IdentityError) => err.reason === 'userIdReserved',
        );
        assert.deepEqual(asked, ['someone.else']);
        await everythingBos.createIdentity({ cpr: bo.cpr, userId: 'Someone.Else', contacts: [] }, T0, 'id-b');
      }));
  });
}
