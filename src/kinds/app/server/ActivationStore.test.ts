import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { ACTIVATION_TTL_MS, ActivationStore, CODE_TRIES_PER_FLOW } from './ActivationStore.ts';
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

  test(`${dialect}: a flow counts 3 code tries, parallel ones included, and none after its step or expiry`, async () => {
    await withAppDb(dialect, 0, async (db) => {
      const store = new ActivationStore(db);
      const flow = (id: string) =>
        store.create(
          {
            id,
            identityId: null,
            deviceId: `d-${id}`,
            deviceName: 'x',
            via: 'activationCode',
            step: 'activationCode',
          },
          T0,
        );
      await flow('burst');
      const tries = await Promise.all(Array.from({ length: 8 }, () => store.countCodeTry('burst', T0)));
      assert.deepEqual(
        tries.filter((t) => t !== undefined).sort(),
        Array.from({ length: CODE_TRIES_PER_FLOW }, (_, i) => i + 1),
      );
      assert.equal(tries.filter((t) => t === undefined).length, 8 - CODE_TRIES_PER_FLOW);
      await flow('moved');
      assert.equal(await store.countCodeTry('moved', T0), 1);
      await store.advance('moved', 'activationCode', 'temporaryPin', T0);
      assert.equal(await store.countCodeTry('moved', T0), undefined);
      await flow('late');
      assert.equal(await store.countCodeTry('late', T0 + ACTIVATION_TTL_MS), undefined);
    });
  });
}
