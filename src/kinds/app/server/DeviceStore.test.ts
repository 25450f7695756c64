import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOUR } from '../../../platform/clock.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { DeviceStore } from './DeviceStore.ts';
import { addDevice, coreOn, newDevice, T0, withAppDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a device is stored with its key under its authenticator; revocation is final`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new DeviceStore(db);
      const d = newDevice(identityId, 'dev-a');
      await addDevice(db, d);
      const got = await store.get('dev-a');
      assert.deepEqual(got?.publicKey, d.publicKey);
      assert.equal(got?.status, 'active');
      assert.deepEqual(got?.pin, { failures: 0, blockedUntil: null });
      const { authenticators } = coreOn(db);
      assert.equal(await authenticators.countActive(identityId, 'app'), 1);
      assert.equal(await authenticators.revoke('dev-a', identityId), true);
      assert.equal(await authenticators.revoke('dev-a', identityId), false);
      assert.equal(await authenticators.countActive(identityId, 'app'), 0);
      assert.equal((await store.get('dev-a'))?.status, 'revoked');
    });
  });

  test(`${dialect}: PIN attempts are counted before comparing, 3 per round, the 9th for good`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new DeviceStore(db);
      await addDevice(db, newDevice(identityId, 'dev-p'));
      let now = T0;
      for (let round = 1; round <= 3; round++) {
        for (let i = 1; i <= 3; i++)
          assert.deepEqual(await store.countPinAttempt('dev-p', now), {
            ok: true,
            failures: (round - 1) * 3 + i,
          });
        const shut = await store.countPinAttempt('dev-p', now);
        assert.deepEqual(shut, {
          ok: false,
          gate: round < 3 ? { open: false, until: now + HOUR } : { open: false, permanent: true },
        });
        now += HOUR;
      }
      assert.deepEqual((await store.countPinAttempt('dev-p', now + 100 * HOUR)).ok, false);
      await store.pinSucceeded('dev-p');
      assert.deepEqual(await store.countPinAttempt('dev-p', now), { ok: true, failures: 1 });
    });
  });

  test(`${dialect}: 20 parallel PIN starts: exactly 3 are counted`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new DeviceStore(db);
      await addDevice(db, newDevice(identityId, 'dev-r'));
      const results = await Promise.all(Array.from({ length: 20 }, () => store.countPinAttempt('dev-r', T0)));
      assert.equal(results.filter((r) => r.ok).length, 3);
      assert.equal((await store.get('dev-r'))?.pin.failures, 3);
    });
  });

  test(`${dialect}: a revoked or blocked device counts no PIN attempts`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new DeviceStore(db);
      await addDevice(db, newDevice(identityId, 'dev-x'));
      await coreOn(db).authenticators.revoke('dev-x', identityId);
      assert.deepEqual(await store.countPinAttempt('dev-x', T0), {
        ok: false,
        gate: { open: false, gone: true },
      });
      await addDevice(db, newDevice(identityId, 'dev-b'));
      await coreOn(db).authenticators.block({ authenticatorId: 'dev-b' }, 'support:1', 'lost');
      assert.deepEqual(await store.countPinAttempt('dev-b', T0), {
        ok: false,
        gate: { open: false, gone: true },
      });
      assert.deepEqual(await store.countPinAttempt('no-such-device', T0), {
        ok: false,
        gate: { open: false, gone: true },
      });
    });
  });

  test(`${dialect}: the WebAuthn challenge is taken once; the counter moves compare-and-set`, async () => {
    await withAppDb(dialect, 1, async (db, [identityId = '']) => {
      const store = new DeviceStore(db);
      await addDevice(db, newDevice(identityId, 'dev-w'));
      await store.setWebauthnChallenge('dev-w', 'chal', T0 + 1000);
      const taken = await Promise.all([
        store.takeWebauthnChallenge('dev-w', T0),
        store.takeWebauthnChallenge('dev-w', T0),
      ]);
      assert.deepEqual(taken.sort(), ['chal', undefined]);
      await store.setWebauthnChallenge('dev-w', 'late', T0 + 1000);
      assert.equal(await store.takeWebauthnChallenge('dev-w', T0 + 1000), undefined);

      await store.setBiometrics('dev-w', { credentialId: 'cred', publicKey: 'pk', counter: 5 });
      assert.deepEqual((await store.get('dev-w'))?.biometrics, {
        credentialId: 'cred',
        publicKey: 'pk',
        counter: 5,
      });
      const moved = await Promise.all([
        store.advanceCounter('dev-w', 'cred', 5, 6),
        store.advanceCounter('dev-w', 'cred', 5, 7),
      ]);
      assert.deepEqual(moved.sort(), [false, true]);
      await store.setUsersInApp('dev-w', 2);
      const after = await store.get('dev-w');
      assert.equal(after?.biometrics, null);
      assert.equal(after?.usersInApp, 2);
    });
  });

  test(`${dialect}: a signed request reads device, identity and only its person's transaction at once`, async () => {
    await withAppDb(dialect, 2, async (db, [mine = '', theirs = '']) => {
      const store = new DeviceStore(db);
      const { authentications } = coreOn(db);
      const d = newDevice(mine, 'dev-s');
      await addDevice(db, d);
      const fields = {
        clientId: 'minbank',
        serviceName: 'Min Bank',
        action: 'approve' as const,
        text: 'Overfør 1,00 kr.',
        requestedLevel: 'high' as const,
        requiresUv: true,
        kinds: ['app' as const],
        channel: 'api' as const,
      };
      const own = await authentications.create({
        ...fields,
        id: 'tx-mine',
        who: { identityId: mine },
        challenge: 'c1',
      });
      await authentications.create({
        ...fields,
        id: 'tx-theirs',
        who: { identityId: theirs },
        challenge: 'c2',
      });
      await authentications.create({
        ...fields,
        id: 'tx-browser',
        who: { identityId: mine },
        challenge: 'c3',
        channel: { browserHash: 'h', secret: 's' },
      });
      await authentications.startStep('tx-mine', 'dev-s', 'sealed');

      const plain = await store.forSignedRequest('dev-s', { transactionId: undefined }, T0);
      assert.deepEqual(plain?.device, await store.get('dev-s'));
      assert.deepEqual(plain?.identity, {
        id: mine,
        userId: 'store-user-0',
        // Activated: the authenticator.activated hook made the identity active.
        status: 'active',
        notifyEveryUse: false,
        ial: 'substantial',
      });
      assert.equal(plain?.transaction, undefined);

      const withTx = await store.forSignedRequest('dev-s', { transactionId: 'tx-mine' }, T0);
      assert.deepEqual(withTx?.transaction, { ...own, step: { authenticatorId: 'dev-s', state: 'sealed' } });
      // The list: only the person's, only those whose channel is verified (not the browser's yet).
      const listed = await store.forSignedRequest('dev-s', { pending: true }, T0);
      assert.deepEqual(
        listed?.pending.map((t) => t.id),
        ['tx-mine'],
      );
      assert.deepEqual(listed?.device, await store.get('dev-s'));
      const later = await store.forSignedRequest('dev-s', { transactionId: 'tx-mine' }, own.expiresAt);
      assert.equal(later?.transaction?.status, 'expired');
      // Another person's transaction, or none by that id, is not there for this device.
      assert.equal(
        (await store.forSignedRequest('dev-s', { transactionId: 'tx-theirs' }, T0))?.transaction,
        undefined,
      );
      assert.equal(
        (await store.forSignedRequest('dev-s', { transactionId: 'no-such-tx' }, T0))?.transaction,
        undefined,
      );
      assert.equal(
        await store.forSignedRequest('no-such-device', { transactionId: 'tx-mine' }, T0),
        undefined,
      );
    });
  });
}
