import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
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

  test(`${dialect}: a PIN login in flight is taken once, and only by its device`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new TransactionStore(db);
      await store.create(tx(identityId, 't3'), T0);
      assert.equal(await store.startPin('t3', 'dev', 'sealed-state', T0), true);
      assert.equal(await store.takePin('t3', 'other-device'), undefined);
      const taken = await Promise.all([store.takePin('t3', 'dev'), store.takePin('t3', 'dev')]);
      assert.deepEqual(taken.sort(), ['sealed-state', undefined]);
      await store.decide('t3', decision('t3'), T0);
      assert.equal(await store.startPin('t3', 'dev', 'again', T0), false);
    });
  });
}
