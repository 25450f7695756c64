import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { ACTIVATION_TTL_MS, ActivationStore } from './ActivationStore.ts';
import { T0, withAppDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: an activation moves only from its own step, once, and not after its 15 minutes`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId]) => {
      const store = new ActivationStore(db);
      const a = await store.create(
        {
          id: 'a1',
          identityId: identityId ?? null,
          deviceId: 'd1',
          deviceName: 'iPhone',
          via: 'activationCode',
          step: 'activationCode',
        },
        T0,
      );
      assert.equal(a.expiresAt, T0 + ACTIVATION_TTL_MS);
      assert.deepEqual(await store.get('a1'), a);
      assert.equal(await store.advance('a1', 'temporaryPin', 'pin', T0), false);
      const both = await Promise.all([
        store.advance('a1', 'activationCode', 'temporaryPin', T0),
        store.advance('a1', 'activationCode', 'temporaryPin', T0),
      ]);
      assert.deepEqual(both.sort(), [false, true]);
      assert.equal((await store.get('a1'))?.step, 'temporaryPin');
      assert.equal(await store.advance('a1', 'temporaryPin', 'pin', T0 + ACTIVATION_TTL_MS), false);
      assert.equal(await store.advance('a1', 'temporaryPin', 'pin', T0 + ACTIVATION_TTL_MS - 1), true);
    });
  });

  test(`${dialect}: a flow for an unknown user-ID has no identity; expired flows are purged`, async () => {
    await withAppDb(dialect, 0, async (db) => {
      const store = new ActivationStore(db);
      await store.create(
        {
          id: 'a2',
          identityId: null,
          deviceId: 'd2',
          deviceName: 'x',
          via: 'activationCode',
          step: 'activationCode',
        },
        T0,
      );
      assert.equal((await store.get('a2'))?.identityId, null);
      assert.equal(await store.purgeExpired(T0 + ACTIVATION_TTL_MS), 0);
      assert.equal(await store.purgeExpired(T0 + ACTIVATION_TTL_MS + 1), 1);
      assert.equal(await store.get('a2'), undefined);
    });
  });
}
