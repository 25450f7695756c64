import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdentityStore } from '../../../core/identity/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { ActivationStore } from './ActivationStore.ts';
import { activateDevice } from './activateDevice.ts';
import { DeviceStore } from './DeviceStore.ts';
import { addDevice, coreOn, newDevice, T0, withAppDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 6 finishes at once for a person with 1 device: exactly 2 more devices, the identity active`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const activations = new ActivationStore(db);
      await addDevice(db, newDevice(identityId, 'existing'));
      const ids = Array.from({ length: 6 }, (_, i) => `act-${i}`);
      for (const id of ids) {
        await activations.create(
          { id, identityId, deviceId: `dev-${id}`, deviceName: 'x', via: 'activationCode', step: 'finish' },
          T0,
        );
      }
      const results = await Promise.all(
        ids.map((id) =>
          activateDevice(
            db,
            coreOn(db).authenticators,
            id,
            { ...newDevice(identityId, `dev-${id}`), notifyEveryUse: false },
            T0,
          ),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 2);
      assert.equal(results.filter((r) => !r.ok && r.reason === 'tooManyDevices').length, 4);
      assert.equal(await coreOn(db).authenticators.countActive(identityId, 'app'), 3);
      assert.equal((await new IdentityStore(db).getById(identityId))?.status, 'active');
      // The refused flows stay at finish; the winners are done.
      const steps = await Promise.all(ids.map(async (id) => (await activations.get(id))?.step));
      assert.equal(steps.filter((s) => s === 'done').length, 2);
      assert.equal(steps.filter((s) => s === 'finish').length, 4);
    });
  });

  test(`${dialect}: a finish for a revoked identity writes nothing`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      await new IdentityStore(db).setStatus(identityId, 'revoked', T0);
      await new ActivationStore(db).create(
        { id: 'r', identityId, deviceId: 'dev-r', deviceName: 'x', via: 'activationCode', step: 'finish' },
        T0,
      );
      assert.deepEqual(
        await activateDevice(
          db,
          coreOn(db).authenticators,
          'r',
          { ...newDevice(identityId, 'dev-r'), notifyEveryUse: false },
          T0,
        ),
        {
          ok: false,
          reason: 'identityGone',
        },
      );
      assert.equal(await new DeviceStore(db).get('dev-r'), undefined);
      assert.equal((await new ActivationStore(db).get('r'))?.step, 'finish');
    });
  });
}
