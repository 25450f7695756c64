/**
 * 0021_authentications on a database holding app transactions of the old schema (0018), on both
 * databases: every row is copied under its id with its digest, challenge and PIN login in flight
 * (so a device's signature and a sealed login stay valid), an approved one gets its result from
 * its method, a rejected one keeps its device and signature, and app_transactions is gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

const T = 1_790_000_000_000;

async function oldRows(db: Kysely<unknown>): Promise<void> {
  await sql`insert into people values ('1505831001', 'Test', 'Person', '1983-05-15', 'Vej 1', '1456', 'København K', '101', ${T})`.execute(
    db,
  );
  await sql`insert into identities (id, cpr, user_id, user_id_norm, status, created_at, updated_at)
    values ('id-0', '1505831001', 'user0', 'user0', 'active', ${T}, ${T})`.execute(db);
  const tx = (id: string, level: string, status: string, method: string | null, pin: boolean) =>
    sql`insert into app_transactions (id, identity_id, client_id, service_name, action, text, level,
        requires_pin, digest, challenge, status, pin_device_id, pin_login_state, created_at, expires_at,
        decided_at, decided_by, method, signature)
      values (${id}, 'id-0', 'minbank', 'Min Bank', 'approve', 'Overfør 1,00 kr.', ${level}, 1,
        ${`digest-${id}`}, ${status === 'pending' ? `challenge-${id}` : null}, ${status},
        ${pin ? 'dev-1' : null}, ${pin ? 'sealed-login' : null}, ${T}, ${T + 300_000},
        ${status === 'pending' ? null : T + 10}, ${status === 'pending' ? null : 'dev-1'}, ${method},
        ${status === 'pending' ? null : 'sig'})`.execute(db);
  await tx('t-pending', 'high', 'pending', null, true);
  await tx('t-pin', 'high', 'approved', 'pin', false);
  await tx('t-swipe', 'substantial', 'approved', 'none', false);
  await tx('t-rejected', 'high', 'rejected', 'none', false);
  // Nobody's: a user-ID without an active MitID.
  await sql`insert into app_transactions (id, identity_id, client_id, service_name, action, text, level,
      requires_pin, digest, challenge, status, created_at, expires_at)
    values ('t-nobody', null, 'minbank', 'Min Bank', 'login', 'Log på', 'substantial', 0, 'd', 'c', 'pending', ${T}, ${T + 300_000})`.execute(
    db,
  );
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0021 copies every app transaction into authentications and drops the old table`, async () => {
    const database = await openDatabaseBefore(dialect, '0021_authentications');
    try {
      await oldRows(database.db);
      await migrateToLatest(database);
      const db = database.db as Kysely<MitidDb>;
      const rows = await db.selectFrom('authentications').selectAll().orderBy('id').execute();
      const byId = new Map(rows.map((r) => [r.id, { ...r }]));
      assert.deepEqual([...byId.keys()], ['t-nobody', 't-pending', 't-pin', 't-rejected', 't-swipe']);
      const pending = byId.get('t-pending');
      assert.deepEqual(
        [
          pending?.status,
          pending?.digest,
          pending?.challenge,
          pending?.step_authenticator_id,
          pending?.step_state,
        ],
        ['pending', 'digest-t-pending', 'challenge-t-pending', 'dev-1', 'sealed-login'],
      );
      assert.deepEqual(
        [
          pending?.kinds,
          pending?.channel,
          pending?.channel_verified_at,
          pending?.requested_level,
          pending?.requires_uv,
        ],
        ['["app"]', 'api', T, 'high', 1],
      );
      const pin = byId.get('t-pin');
      assert.deepEqual(
        [pin?.authenticator_id, pin?.kind, pin?.factors, pin?.amr, pin?.aal, pin?.loa, pin?.evidence],
        [
          'dev-1',
          'app',
          '["possession","knowledge"]',
          '["app","pin"]',
          'high',
          'substantial',
          '{"signature":"sig"}',
        ],
      );
      assert.deepEqual(JSON.parse(pin?.proofs ?? ''), [
        {
          authenticatorId: 'dev-1',
          kind: 'app',
          factors: ['possession', 'knowledge'],
          methods: ['app', 'pin'],
          at: T + 10,
        },
      ]);
      const swipe = byId.get('t-swipe');
      assert.deepEqual([swipe?.amr, swipe?.aal, swipe?.loa], ['["app"]', 'substantial', 'substantial']);
      const rejected = byId.get('t-rejected');
      assert.deepEqual(
        [rejected?.status, rejected?.authenticator_id, rejected?.amr, rejected?.aal, rejected?.evidence],
        ['rejected', 'dev-1', null, null, '{"signature":"sig"}'],
      );
      assert.equal(byId.get('t-nobody')?.identity_id, null);
      await assert.rejects(sql`select 1 from app_transactions`.execute(db));
    } finally {
      await database.close();
    }
  });
}
