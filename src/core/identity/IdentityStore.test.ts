import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { Contact } from './Identity.ts';
import { IdentityStore } from './IdentityStore.ts';
import { count, refusedWith, T0, withIdentityDb } from './testing/identityFixtures.ts';

const contacts: Contact[] = [
  { channel: 'mobile', value: '+45 12 34 56 78', confirmedAt: T0 - 60_000 },
  { channel: 'email', value: 'Anna.Berg@Example.DK', confirmedAt: T0 - 30_000 },
];

for (const dialect of await dialectsUnderTest()) {
  describe(`identity store on ${dialect}`, () => {
    test('creates an identity pending activation, with its confirmed contacts', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const made = await store.createIdentity({ cpr, userId: 'Anna Æblegrød', contacts }, T0, 'id-1');
        const expected = {
          id: 'id-1',
          cpr,
          userId: 'Anna Æblegrød',
          status: 'pending_activation',
          contacts: [
            { channel: 'email', value: 'Anna.Berg@example.dk', confirmedAt: T0 - 30_000 },
            { channel: 'mobile', value: '+4512345678', confirmedAt: T0 - 60_000 },
          ],
          createdAt: T0,
          updatedAt: T0,
        };
        assert.deepEqual(made, expected);
        assert.deepEqual(await store.getById('id-1'), expected);
        assert.deepEqual(await store.getByCpr(cpr), expected);
        assert.deepEqual(await store.getByUserId('ANNA ÆBLEGRØD'), expected);
        assert.deepEqual(await store.getByUserId('anna æblegrød'), expected);
        assert.equal(await store.getById('id-2'), undefined);
        assert.equal(await store.getByCpr('0101010101'), undefined);
        assert.equal(await store.getByUserId('Anna Æblegrø'), undefined);
      }));

    test('the user-ID is stored as NFC: å typed as a + ring is the same user-ID', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const made = await store.createIdentity({ cpr, userId: 'Ba\u030Ardsen', contacts: [] }, T0, 'id-1');
        assert.equal(made.userId, 'Bårdsen');
        assert.equal((await store.getByUserId('BÅRDSEN'))?.id, 'id-1');
        assert.equal((await store.getByUserId('BA\u030ARDSEN'))?.id, 'id-1');
      }));

    test('a crash between the identity and its contacts leaves nothing', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        for (const failAt of ['identity', 'contacts'] as const) {
          const store = new IdentityStore(database.db, {
            nemidReservation: nemidReservation(database.db),
            afterStep: async (step) => {
              if (step === failAt) throw new Error('crash');
            },
          });
          await assert.rejects(
            store.createIdentity({ cpr, userId: 'anna.berg', contacts }, T0, 'id-1'),
            /crash/,
          );
          assert.equal(await count(database.db, 'identities'), 0, failAt);
          assert.equal(await count(database.db, 'identity_contacts'), 0, failAt);
        }
        await new IdentityStore(database.db, {
          nemidReservation: nemidReservation(database.db),
        }).createIdentity({ cpr, userId: 'anna.berg', contacts }, T0, 'id-1');
        assert.equal(await count(database.db, 'identity_contacts'), 2);
      }));

    test('contacts a caller should have checked are a programming error, not a refusal', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        const create = (c: Contact[]) =>
          store.createIdentity({ cpr, userId: 'anna.berg', contacts: c }, T0, 'id-1');
        const mobile: Contact = { channel: 'mobile', value: '+4512345678', confirmedAt: T0 };
        await assert.rejects(create([mobile, mobile]), TypeError);
        await assert.rejects(create([{ ...mobile, channel: 'fax' as 'mobile' }]), TypeError);
        await assert.rejects(create([{ ...mobile, confirmedAt: Number.NaN }]), TypeError);
        await assert.rejects(create([{ ...mobile, value: '12345678' }]), { name: 'MessageError' });
        await assert.rejects(create([{ channel: 'email', value: 'not-an-address', confirmedAt: T0 }]), {
          name: 'MessageError',
        });
        assert.equal(await count(database.db, 'identities'), 0);
      }));

    test('status: activate, block, unblock, revoke; revoked is final; the same status is a no-op', () =>
      withIdentityDb(dialect, 1, async (database, [cpr = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await store.createIdentity({ cpr, userId: 'anna.berg', contacts: [] }, T0, 'id-1');
        await assert.rejects(
          store.setStatus('id-1', 'blocked', T0 + 1),
          refusedWith('statusChangeNotAllowed'),
        );
        assert.equal((await store.setStatus('id-1', 'active', T0 + 2)).status, 'active');
        const again = await store.setStatus('id-1', 'active', T0 + 3);
        assert.equal(again.updatedAt, T0 + 2, 'nothing changed');
        assert.equal((await store.setStatus('id-1', 'blocked', T0 + 4)).status, 'blocked');
        await assert.rejects(
          store.setStatus('id-1', 'pending_activation', T0 + 5),
          refusedWith('statusChangeNotAllowed'),
        );
        assert.equal((await store.setStatus('id-1', 'active', T0 + 6)).status, 'active');
        const revoked = await store.setStatus('id-1', 'revoked', T0 + 7);
        assert.equal(revoked.status, 'revoked');
        assert.equal(revoked.updatedAt, T0 + 7);
        await assert.rejects(
          store.setStatus('id-1', 'active', T0 + 8),
          refusedWith('statusChangeNotAllowed'),
        );
        await assert.rejects(store.setStatus('nope', 'active', T0 + 8), refusedWith('notFound'));
      }));

    test('an unblock racing a revocation can never bring the identity back (compare-and-set)', () =>
      withIdentityDb(dialect, 5, async (database, cprs) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        for (const [i, cpr] of cprs.entries()) {
          const id = `id-${i}`;
          await store.createIdentity({ cpr, userId: `person.${i}`, contacts: [] }, T0, id);
          await store.setStatus(id, 'active', T0 + 1);
          await store.setStatus(id, 'blocked', T0 + 2);
          const changes = [
            () => store.setStatus(id, 'active', T0 + 3),
            () => store.setStatus(id, 'revoked', T0 + 3),
          ];
          if (i % 2 === 1) changes.reverse(); // either one may start first
          await Promise.allSettled(changes.map((change) => change()));
          assert.equal((await store.getById(id))?.status, 'revoked');
        }
      }));

    test('changing the user-ID: a new one, or the same in other case; the old one is free again', () =>
      withIdentityDb(dialect, 2, async (database, [a = '', b = '']) => {
        const store = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
        await store.createIdentity({ cpr: a, userId: 'anna.berg', contacts }, T0, 'id-a');
        const changed = await store.changeUserId('id-a', 'Anna Østergård', T0 + 1);
        assert.equal(changed.userId, 'Anna Østergård');
        assert.equal(changed.updatedAt, T0 + 1);
        assert.deepEqual(await store.getById('id-a'), changed);
        assert.equal((await store.getByUserId('ANNA ØSTERGÅRD'))?.id, 'id-a');
        assert.equal(await store.getByUserId('anna.berg'), undefined);
        assert.equal((await store.changeUserId('id-a', 'ANNA ØSTERGÅRD', T0 + 2)).userId, 'ANNA ØSTERGÅRD');
        await store.createIdentity({ cpr: b, userId: 'Anna.Berg', contacts: [] }, T0 + 3, 'id-b');
        await assert.rejects(
          store.changeUserId('id-b', 'anna østergård', T0 + 4),
          refusedWith('userIdTaken'),
        );
        await assert.rejects(store.changeUserId('id-b', 'x', T0 + 4), refusedWith('invalidUserId'));
        await assert.rejects(store.changeUserId('id-b', `abc${b}`, T0 + 4), refusedWith('invalidUserId'));
        await assert.rejects(store.changeUserId('nope', 'valid.name', T0 + 4), refusedWith('notFound'));
        await store.setStatus('id-b', 'revoked', T0 + 5);
        await assert.rejects(store.changeUserId('id-b', 'valid.name', T0 + 6), refusedWith('revoked'));
        assert.equal((await store.getById('id-b'))?.userId, 'Anna.Berg');
      }));
  });
}
