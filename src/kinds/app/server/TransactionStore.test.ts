import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type NewTransaction, TRANSACTION_TTL_MS, TransactionStore } from './TransactionStore.ts';
import { T0, withAppDb } from './testing/storeFixtures.ts';
import { transactionDigest } from './transactionDigest.ts';

const tx = (identityId: string, id: string): NewTransaction => ({
  id,
  identityId,
  clientId: 'minbank',
  serviceName: 'Min Bank',
  action: 'approve',
  text: 'Overfør 1.250,00 kr. til 9999 0087654321',
  level: 'substantial',
  challenge: `challenge-${id}`,
});

const decision = (id: string, decision: 'approve' | 'reject' = 'approve') => ({
  challenge: `challenge-${id}`,
  decision,
  deviceId: 'dev',
  method: 'pin' as const,
  signature: 'sig',
});

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: created pending with its digest; expired after 5 minutes`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new TransactionStore(db);
      const created = await store.create(tx(identityId, 't1'), T0);
      assert.equal(created.requiresPin, true); // approve always needs the PIN
      assert.equal(created.digest, transactionDigest({ ...tx(identityId, 't1'), createdAt: T0 }));
      assert.deepEqual(await store.get('t1', T0), created);
      assert.equal((await store.pendingFor(identityId, T0 + TRANSACTION_TTL_MS - 1)).length, 1);
      assert.equal((await store.pendingFor(identityId, T0 + TRANSACTION_TTL_MS)).length, 0);
      assert.equal((await store.get('t1', T0 + TRANSACTION_TTL_MS))?.status, 'expired');
      assert.equal(await store.decide('t1', decision('t1'), T0 + TRANSACTION_TTL_MS), false);
    });
  });

  test(`${dialect}: of two decisions at once exactly one wins; the challenge is consumed`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new TransactionStore(db);
      await store.create(tx(identityId, 't2'), T0);
      assert.equal(await store.decide('t2', { ...decision('t2'), challenge: 'wrong' }, T0), false);
      const both = await Promise.all([
        store.decide('t2', decision('t2'), T0),
        store.decide('t2', decision('t2', 'reject'), T0),
      ]);
      assert.deepEqual(both.sort(), [false, true]);
      const decided = await store.get('t2', T0);
      assert.ok(decided?.status === 'approved' || decided?.status === 'rejected');
      assert.equal(decided?.challenge, null);
      assert.equal(decided?.decidedBy, 'dev');
      assert.equal(await store.decide('t2', decision('t2'), T0), false);
    });
  });

  test(`${dialect}: a PIN login in flight is dropped once, and only by its device`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new TransactionStore(db);
      await store.create(tx(identityId, 't3'), T0);
      assert.equal(await store.startPin('t3', 'dev', 'sealed-state', T0), true);
      assert.equal(await store.dropPin('t3', 'other-device', 'sealed-state'), false);
      assert.equal(await store.dropPin('t3', 'dev', 'another-state'), false);
      const dropped = await Promise.all([
        store.dropPin('t3', 'dev', 'sealed-state'),
        store.dropPin('t3', 'dev', 'sealed-state'),
      ]);
      assert.deepEqual(dropped.sort(), [false, true]);
      await store.decide('t3', decision('t3'), T0);
      assert.equal(await store.startPin('t3', 'dev', 'again', T0), false);
    });
  });

  test(`${dialect}: a decision with the PIN needs its login still in flight, and clears it`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new TransactionStore(db);
      await store.create(tx(identityId, 't4'), T0);
      await store.startPin('t4', 'dev', 'first', T0);
      await store.startPin('t4', 'dev', 'second', T0); // a newer login replaces the first
      assert.equal(await store.decide('t4', { ...decision('t4'), pinLogin: 'first' }, T0), false);
      assert.equal((await store.get('t4', T0))?.status, 'pending');
      const both = await Promise.all([
        store.decide('t4', { ...decision('t4'), pinLogin: 'second' }, T0),
        store.decide('t4', { ...decision('t4'), pinLogin: 'second' }, T0),
      ]);
      assert.deepEqual(both.sort(), [false, true]);
      const row = await db
        .selectFrom('app_transactions')
        .select(['pin_login_state', 'pin_device_id', 'status'])
        .where('id', '=', 't4')
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { pin_login_state: null, pin_device_id: null, status: 'approved' });
    });
  });

  test(`${dialect}: a service's transaction finds the active identity by user-ID in its INSERT`, async () => {
    await withAppDb(dialect, 2, async (db, [active = '', pending = '']) => {
      await db.updateTable('identities').set({ status: 'active' }).where('id', '=', active).execute();
      const store = new TransactionStore(db);
      const { identityId: _, ...fields } = tx(active, 't5');
      const found = await store.createForUserId({ ...fields, userId: 'STORE-USER-0' }, T0);
      assert.equal(found.identityId, active);
      assert.deepEqual(await store.get('t5', T0), found);
      assert.equal(found.digest, transactionDigest({ ...fields, createdAt: T0 }));
      // An identity that is not active, and a user-ID nobody holds: a transaction for nobody.
      assert.notEqual(pending, '');
      const notActive = await store.createForUserId({ ...fields, id: 't6', userId: 'store-user-1' }, T0);
      const nobody = await store.createForUserId({ ...fields, id: 't7', userId: 'nobody-here' }, T0);
      assert.equal(notActive.identityId, null);
      assert.equal(nobody.identityId, null);
      assert.deepEqual(await store.get('t7', T0), nobody);
      assert.equal((await store.pendingFor(pending, T0)).length, 0);
    });
  });
}
