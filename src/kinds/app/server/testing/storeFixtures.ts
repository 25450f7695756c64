/** Shared setup of the store tests: a test database with identities pending activation. */
import { generateKeyPairSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import { IdentityStore } from '../../../../core/identity/index.ts';
import { addPeople, T0 } from '../../../../core/identity/testing/index.ts';
import { nemidReservation } from '../../../../flows/nemid/index.ts';
import type { Dialect } from '../../../../platform/db/database.ts';
import { openTestDatabase } from '../../../../platform/db/testDb.ts';
import { mitidMigrations } from '../../../../roots/mitid/db/migrations.ts';
import type { NewDevice } from '../DeviceStore.ts';
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
  notifyEveryUse: false,
  usersInApp: 1,
});
