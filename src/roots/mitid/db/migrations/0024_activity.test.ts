/**
 * 0024_activity on a database holding authentications (0021), on both databases: every decided
 * authentication of a known person is copied into the log once (its time, service, action,
 * authenticator, level, result), open ones and those naming nobody are not, and the first sweep
 * then records the expired one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { sweepActivity } from '../../../../core/activity/index.ts';
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
  const row = (
    id: string,
    identity: string | null,
    status: string,
    o: { loa?: string; kind?: string; authenticator?: string; reason?: string; decided?: number } = {},
  ) =>
    sql`insert into authentications (id, client_id, identity_id, action, service_name, text,
        requested_level, requires_uv, kinds, digest, channel, status, cancel_reason, proofs,
        authenticator_id, kind, aal, loa, created_at, expires_at, decided_at)
      values (${id}, 'minbank', ${identity}, 'approve', 'Min Bank', 'Overfør 1,00 kr.', 'high', 1,
        '["app"]', ${`digest-${id}`}, 'api', ${status}, ${o.reason ?? null}, '[]',
        ${o.authenticator ?? null}, ${o.kind ?? null}, ${o.loa ?? null}, ${o.loa ?? null},
        ${T}, ${T + 300_000}, ${o.decided ?? null})`.execute(db);
  await row('a-approved', 'id-0', 'approved', {
    loa: 'substantial',
    kind: 'app',
    authenticator: 'dev-1',
    decided: T + 10,
  });
  await row('a-rejected', 'id-0', 'rejected', { kind: 'app', authenticator: 'dev-1', decided: T + 20 });
  await row('a-cancelled', 'id-0', 'cancelled', { reason: 'blocked', decided: T + 30 });
  await row('a-pending', 'id-0', 'pending');
  await row('a-nobody', null, 'cancelled', { reason: 'person', decided: T + 40 });
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0024 copies the decided authentications of known people into the activity log`, async () => {
    const database = await openDatabaseBefore(dialect, '0024_activity');
    try {
      await oldRows(database.db);
      await migrateToLatest(database);
      const db = database.db as Kysely<MitidDb>;
      const rows = await db.selectFrom('activity').selectAll().orderBy('authentication_id').execute();
      assert.deepEqual(
        rows.map((r) => ({ ...r, at: Number(r.at) })),
        [
          {
            id: 'm-a-approved',
            identity_id: 'id-0',
            at: T + 10,
            client_id: 'minbank',
            service_name: 'Min Bank',
            action: 'approve',
            kind: 'app',
            authenticator_id: 'dev-1',
            level: 'substantial',
            result: 'approved',
            cancel_reason: null,
            authentication_id: 'a-approved',
            reported: 0,
          },
          {
            id: 'm-a-cancelled',
            identity_id: 'id-0',
            at: T + 30,
            client_id: 'minbank',
            service_name: 'Min Bank',
            action: 'approve',
            kind: null,
            authenticator_id: null,
            level: 'high',
            result: 'cancelled',
            cancel_reason: 'blocked',
            authentication_id: 'a-cancelled',
            reported: 0,
          },
          {
            id: 'm-a-rejected',
            identity_id: 'id-0',
            at: T + 20,
            client_id: 'minbank',
            service_name: 'Min Bank',
            action: 'approve',
            kind: 'app',
            authenticator_id: 'dev-1',
            level: 'high',
            result: 'rejected',
            cancel_reason: null,
            authentication_id: 'a-rejected',
            reported: 0,
          },
        ],
      );
      // The open one expired long ago: the first sweep records it, once.
      assert.deepEqual(await sweepActivity(db, T + 10 * 300_000), { activityExpired: 1 });
      assert.deepEqual(await sweepActivity(db, T + 10 * 300_000), { activityExpired: 0 });
      const expired = await db
        .selectFrom('activity')
        .select(['result', 'at'])
        .where('authentication_id', '=', 'a-pending')
        .execute();
      assert.deepEqual(
        expired.map((r) => [r.result, Number(r.at)]),
        [['expired', T + 300_000]],
      );
    } finally {
      await database.close();
    }
  });
}
