/**
 * Every refusal of createIdentity, and the same answers from isUserIdAvailable (live feedback):
 * nothing is written when one is refused.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { IdentityError } from './IdentityError.ts';
import { IdentityStore } from './IdentityStore.ts';
import { count, refusedWith, T0, withIdentityDb } from './testing/identityFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`identity refusals on ${dialect}`, () => {
    test('invalidUserId, with every broken rule as a message id', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const cases: [string, string[]][] = [
          ['', ['enrollment.userId.missing']],
          ['abcd', ['enrollment.userId.tooShort']],
          ['a'.repeat(49), ['enrollment.userId.tooLong']],
          [' anna.berg', ['enrollment.userId.leadingOrTrailingSpace']],
          ['anna€berg', ['enrollment.userId.invalidCharacters']],
          ['x010190-1234', ['enrollment.userId.looksLikeCpr']],
          [`me ${cpr.slice(0, 4)} ${cpr.slice(4, 8)} ${cpr.slice(8)}`, ['enrollment.userId.isOwnCpr']],
          [
            '€ ',
            [
              'enrollment.userId.tooShort',
              'enrollment.userId.invalidCharacters',
              'enrollment.userId.leadingOrTrailingSpace',
            ],
          ],
        ];
        for (const [userId, ids] of cases) {
          await assert.rejects(
            store.createIdentity({ cpr, userId, contacts: [] }, T0, 'id-1'),
            (err: IdentityError) => {
              assert.equal(err.reason, 'invalidUserId', userId);
              assert.deepEqual(
                err.problems.map((p) => p.id),
                ids,
                userId,
              );
              return true;
            },
          );
          const live = await store.isUserIdAvailable(userId, cpr);
          assert.equal(live.available, false);
          assert.equal(live.available === false && live.reason, 'invalidUserId');
        }
        await assert.rejects(
          store.createIdentity({ cpr, userId: undefined as unknown as string, contacts: [] }, T0, 'id-1'),
          refusedWith('invalidUserId'),
        );
        assert.equal(await count(database.db, 'identities'), 0);
      }));

    test('userIdTaken, without regard to case, æøå included', () =>
      withIdentityDb(dialect, 2, async (database, [a = '', b = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        assert.deepEqual(await store.isUserIdAvailable('Søren.Ærø', a), { available: true });
        await store.createIdentity({ cpr: a, userId: 'Søren.Ærø-Åby', contacts: [] }, T0, 'id-a');
        for (const variant of ['søren.ærø-åby', 'SØREN.ÆRØ-ÅBY', 'sØREN.æRØ-åBY', 'Søren.Ærø-A\u030Aby']) {
          await assert.rejects(
            store.createIdentity({ cpr: b, userId: variant, contacts: [] }, T0, 'id-b'),
            (err: IdentityError) =>
              err.reason === 'userIdTaken' && err.problems[0]?.id === 'enrollment.userId.taken',
          );
          assert.deepEqual(await store.isUserIdAvailable(variant, b), {
            available: false,
            reason: 'userIdTaken',
            problems: [{ id: 'enrollment.userId.taken' }],
          });
          // For its holder the user-ID is theirs (a change of case on MitID.dk).
          assert.deepEqual(await store.isUserIdAvailable(variant, a), { available: true });
        }
        // Case is ignored, letters are not: a is not å.
        await store.createIdentity({ cpr: b, userId: 'Søren.Ærø-Aby', contacts: [] }, T0, 'id-b');
        assert.equal(await count(database.db, 'identities'), 2);
      }));

    test('alreadyHasMitid: one identity per person, whatever the user-ID', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await store.createIdentity({ cpr, userId: 'anna.berg', contacts: [] }, T0, 'id-1');
        await assert.rejects(
          store.createIdentity({ cpr, userId: 'anna.berg.2', contacts: [] }, T0, 'id-2'),
          refusedWith('alreadyHasMitid'),
        );
        await assert.rejects(
          store.createIdentity({ cpr, userId: 'anna.berg', contacts: [] }, T0, 'id-2'),
          refusedWith('alreadyHasMitid'),
        );
        // Also once revoked: a new MitID for the person is a matter for support, not a second row.
        await store.setStatus('id-1', 'revoked', T0 + 1);
        await assert.rejects(
          store.createIdentity({ cpr, userId: 'anna.berg.3', contacts: [] }, T0, 'id-3'),
          refusedWith('alreadyHasMitid'),
        );
        assert.equal(await count(database.db, 'identities'), 1);
      }));

    test('unknownPerson: the CPR number must be in the person registry', () =>
      withIdentityDb(dialect, 0, async (database) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await assert.rejects(
          store.createIdentity(
            {
              cpr: '3112999999',
              userId: 'nobody.here',
              contacts: [{ channel: 'mobile', value: '+4512345678', confirmedAt: T0 }],
            },
            T0,
            'id-1',
          ),
          refusedWith('unknownPerson'),
        );
        assert.equal(await count(database.db, 'identity_contacts'), 0);
      }));

    test('an id that exists already is not a refusal: the error is not hidden', () =>
      withIdentityDb(dialect, 2, async (database, [a = '', b = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await store.createIdentity({ cpr: a, userId: 'anna.berg', contacts: [] }, T0, 'same-id');
        await assert.rejects(
          store.createIdentity({ cpr: b, userId: 'bent.berg', contacts: [] }, T0, 'same-id'),
          (err: Error) => err.name !== 'IdentityError',
        );
      }));
  });
}
