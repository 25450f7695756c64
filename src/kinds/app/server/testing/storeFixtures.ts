/** Shared setup of the store tests: a test database with identities pending activation. */
import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Authentications } from '../../../../core/authentications/index.ts';
import { Authenticators } from '../../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../../core/db/index.ts';
import { createHooks } from '../../../../core/events/index.ts';
import { IdentityStore } from '../../../../core/identity/index.ts';
import { addPeople, T0 } from '../../../../core/identity/testing/index.ts';
import { nemidReservation } from '../../../../flows/nemid/index.ts';
import type { Dialect } from '../../../../platform/db/database.ts';
import { openTestDatabase } from '../../../../platform/db/testDb.ts';
import { mitidMigrations } from '../../../../roots/mitid/db/migrations.ts';
import { appActivationRules } from '../appKind.ts';
import { DeviceStore, type NewDevice } from '../DeviceStore.ts';
import type { PublicJwk } from '../parsePublicJwk.ts';

export { T0 };

export async function withAppDb(
  dialect: Dialect,
  people: number,
  fn: (db: Kysely<MitidDb>, identityIds: string[]) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  try {
    const cprs = await addPeople(database.db, people);
    const identities = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
    const ids: string[] = [];
    for (const [i, cpr] of cprs.entries()) {
      ids.push(
        (
          await identities.createIdentity(
            { cpr, userId: `store-user-${i}`, contacts: [] },
            T0,
            `identity-${i}`,
          )
        ).id,
      );
    }
    await fn(database.db, ids);
  } finally {
    await database.close();
  }
}

export function publicJwk(): PublicJwk {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
}

let n = 0;
export const newDevice = (identityId: string, id = `device-${++n}`): NewDevice => ({
  id,
  identityId,
  name: 'Test',
  publicKey: publicJwk(),
  opaqueRecord: 'record',
  usersInApp: 1,
});

/**
 * The core services on `db` with the app's rules and, of the root's hook table, only the identity's
 * pending → active (the store tests' world has no enrollment or notifier).
 */
export function coreOn(db: Kysely<MitidDb>, now = () => T0) {
  const hooks = createHooks();
  hooks.on('authenticator.activated', async (trx, e) => {
    await new IdentityStore(trx).setStatus(e.identityId, 'active', e.at);
  });
  return {
    hooks,
    authenticators: new Authenticators({ db, now, hooks, rules: { app: appActivationRules } }),
    authentications: new Authentications({ db, now, hooks }),
  };
}

/** Activates `d` as the activation's last step does: the authenticator, then the app's data. */
export async function addDevice(db: Kysely<MitidDb>, d: NewDevice, now = T0): Promise<void> {
  const { authenticators } = coreOn(db, () => now);
  await db.transaction().execute(async (trx) => {
    const done = await authenticators.activate(trx, {
      id: d.id,
      identityId: d.identityId,
      kind: 'app',
      label: d.name,
    });
    if (!done.ok) throw new Error(done.code);
    await new DeviceStore(trx).insert(d, now, trx);
  });
}
