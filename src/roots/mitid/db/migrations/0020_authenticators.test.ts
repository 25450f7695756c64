/**
 * 0020_authenticators on a database holding rows of the old schema (0018), on both databases:
 * every app device becomes an authenticator (removed → revoked) with its key, PIN record and
 * counter kept under the same id, and the person's "besked hver gang" is the one of their
 * active devices.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

const T = 1_790_000_000_000;

async function oldRows(db: Kysely<unknown>): Promise<void> {
  for (const [i, cpr] of ['1505831001', '1505831002'].entries()) {
    await sql`insert into people values (${cpr}, 'Test', 'Person', '1983-05-15', 'Vej 1', '1456', 'København K', '101', ${T})`.execute(
      db,
    );
    await sql`insert into identities (id, cpr, user_id, user_id_norm, status, created_at, updated_at)
      values (${`id-${i}`}, ${cpr}, ${`user${i}`}, ${`user${i}`}, 'active', ${T}, ${T})`.execute(db);
  }
  const device = (id: string, identity: string, status: string, notify: number, failures: number) =>
    sql`insert into app_devices (id, identity_id, name, public_key, opaque_record, status, notify_every_use,
        users_in_app, pin_failures, pin_blocked_until, webauthn_credential_id, webauthn_public_key,
        webauthn_counter, webauthn_challenge, webauthn_challenge_expires_at, created_at, updated_at)
      values (${id}, ${identity}, ${`Phone ${id}`}, '{"kty":"EC"}', ${`record-${id}`}, ${status}, ${notify},
        1, ${failures}, ${failures === 3 ? T + 60_000 : null}, ${status === 'active' ? 'cred' : null},
        ${status === 'active' ? 'pk' : null}, 7, null, null, ${T}, ${T + 5})`.execute(db);
  await device('d-active', 'id-0', 'active', 1, 3);
  await device('d-removed', 'id-0', 'removed', 0, 0);
  await device('d-blocked', 'id-1', 'blocked', 0, 1);
  // A device that chose "besked hver gang" but is gone does not decide for the person.
  await device('d-gone-notify', 'id-1', 'removed', 1, 0);
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0020 copies the app's devices into authenticators, app_devices and app_pins`, async () => {
    const database = await openDatabaseBefore(dialect, '0020_authenticators');
    try {
      await oldRows(database.db);
      await migrateToLatest(database);
      const db = database.db as Kysely<MitidDb>;
      const authenticators = await db.selectFrom('authenticators').selectAll().orderBy('id').execute();
      assert.deepEqual(
        authenticators.map((a) => [a.id, a.identity_id, a.kind, a.status, a.label, a.max_level]),
        [
          ['d-active', 'id-0', 'app', 'active', 'Phone d-active', 'high'],
          ['d-blocked', 'id-1', 'app', 'blocked', 'Phone d-blocked', 'high'],
          ['d-gone-notify', 'id-1', 'app', 'revoked', 'Phone d-gone-notify', 'high'],
          ['d-removed', 'id-0', 'app', 'revoked', 'Phone d-removed', 'high'],
        ],
      );
      const active = authenticators[0];
      assert.deepEqual(JSON.parse(active?.factors ?? ''), ['possession', 'knowledge', 'inherence']);
      assert.equal(active?.activated_at, T);
      assert.equal(authenticators[3]?.revoked_at, T + 5);
      assert.equal(authenticators[1]?.blocked_at, T + 5);

      const pins = await db.selectFrom('app_pins').selectAll().orderBy('authenticator_id').execute();
      assert.deepEqual(
        { ...pins[0] },
        {
          authenticator_id: 'd-active',
          opaque_record: 'record-d-active',
          failures: 3,
          blocked_until: T + 60_000,
          registered_at: T,
        },
      );
      assert.equal(pins.length, 4);
      const devices = await db.selectFrom('app_devices').selectAll().orderBy('authenticator_id').execute();
      assert.deepEqual(
        { ...devices[0] },
        {
          authenticator_id: 'd-active',
          public_key: '{"kty":"EC"}',
          users_in_app: 1,
          webauthn_credential_id: 'cred',
          webauthn_public_key: 'pk',
          webauthn_counter: 7,
          webauthn_challenge: null,
          webauthn_challenge_expires_at: null,
        },
      );
      const people = await db
        .selectFrom('identities')
        .select(['id', 'notify_every_use', 'ial'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        people.map((p) => ({ ...p })),
        [
          { id: 'id-0', notify_every_use: 1, ial: 'substantial' },
          { id: 'id-1', notify_every_use: 0, ial: 'substantial' },
        ],
      );
      // The rebuilt table's key holds: a second row for one authenticator is refused.
      await assert.rejects(
        db
          .insertInto('app_devices')
          .values({ ...devices[0], webauthn_counter: 0 } as never)
          .execute(),
      );
    } finally {
      await database.close();
    }
  });
}
