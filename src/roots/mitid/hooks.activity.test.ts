/**
 * The hook table (hooks.ts) records every use in the activity log, on both databases: through the
 * MitID core as the service builds it, an approval, a rejection in the app, Afbryd and the cancel
 * of a block (the table's own block hook) each make exactly one row, in the change's transaction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import { Activity } from '../../core/activity/index.ts';
import type { ClientRegistry } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { IdentityStore } from '../../core/identity/index.ts';
import { addPeople } from '../../core/identity/testing/index.ts';
import { nemidReservation } from '../../flows/nemid/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from './db/migrations.ts';
import { createMitidCore } from './hooks.ts';
import { mitidKinds } from './kinds.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the hook table records an approval, a rejection, Afbryd and a block's cancel once each`, async () => {
    const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
    try {
      const { db } = database;
      const clock = new TestClock();
      const deps = { config: loadConfig({}), secrets: {} as never, db, clock, random: cryptoRandom };
      // The client registry is only carried by the core; the app's hooks are the kind's, not ours.
      const core = createMitidCore(deps, {} as ClientRegistry, mitidKinds());
      core.wire({ notifyNewDevice: async () => {}, notifyUse: async () => {}, onBlocked: async () => {} });
      const [cpr = ''] = await addPeople(db, 1);
      const now = clock.now().getTime();
      await new IdentityStore(db, { nemidReservation: nemidReservation(db) }).createIdentity(
        { cpr, userId: 'activity-user', contacts: [] },
        now,
        'identity-1',
      );
      await db.transaction().execute((trx) =>
        core.authenticators.activate(trx, {
          id: 'dev-1',
          identityId: 'identity-1',
          kind: 'app',
          label: 'Phone',
        }),
      );
      const ask = (id: string) =>
        core.authentications.create({
          id,
          clientId: 'minbank',
          serviceName: 'Min Bank',
          action: 'login',
          text: 'Log på Min Bank',
          requestedLevel: 'substantial',
          requiresUv: true,
          kinds: ['app'],
          challenge: `c-${id}`,
          who: { userId: 'activity-user' },
          channel: 'api',
        });
      const yes = await ask('yes');
      assert.equal(yes.identityId, 'identity-1', 'the activation made the MitID active');
      assert.ok(
        await core.authentications.addProof(yes, {
          proof: {
            authenticatorId: 'dev-1',
            kind: 'app',
            factors: ['possession', 'knowledge'],
            methods: ['app', 'pin'],
            at: now,
          },
          challenge: 'c-yes',
          evidence: {},
          notifyEveryUse: false,
          ial: 'substantial',
        }),
      );
      const no = await ask('no');
      assert.ok(
        await core.authentications.reject(no, { authenticatorId: 'dev-1', challenge: 'c-no', evidence: {} }),
      );
      await ask('afbryd');
      assert.ok(await core.authentications.cancel('afbryd', 'person'));
      await ask('open');
      assert.ok(await core.authenticators.block({ authenticatorId: 'dev-1' }, 'identity-1', 'person'));
      const log = await new Activity({ db }).forIdentity('identity-1');
      assert.deepEqual(log.map((e) => [e.authenticationId, e.result, e.cancelReason]).sort(), [
        ['afbryd', 'cancelled', 'person'],
        ['no', 'rejected', null],
        ['open', 'cancelled', 'blocked'],
        ['yes', 'approved', null],
      ]);
    } finally {
      await database.close();
    }
  });
}
