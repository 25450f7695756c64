/**
 * 0028_cpr_matches on a database with the configured clients of before (0023 gave Min Bank
 * oidc.cpr), on both databases: Min Bank becomes a private service (oidc.cpr taken away, its other
 * permissions kept), Borger keeps oidc.cpr, and the table of the CPR matches is there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

const T = 1_790_000_000_000;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0028 takes oidc.cpr from Min Bank only, and makes cpr_matches`, async () => {
    const database = await openDatabaseBefore(dialect, '0028_cpr_matches');
    try {
      await sql`delete from clients where id in ('minbank', 'borger')`.execute(database.db);
      const client = (id: string, permissions: string[]) =>
        sql`insert into clients (id, name, status, permissions, created_at, updated_at)
          values (${id}, ${id}, 'active', ${JSON.stringify(permissions)}, ${T}, ${T})`.execute(database.db);
      await client('minbank', ['enrollment.start', 'nemid.login', 'oidc.login', 'oidc.cpr']);
      await client('borger', ['oidc.login', 'oidc.cpr']);
      await migrateToLatest(database);
      const db = database.db as Kysely<MitidDb>;
      const perms = async (id: string) =>
        JSON.parse(
          (
            await db
              .selectFrom('clients')
              .select('permissions')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).permissions,
        ) as string[];
      assert.deepEqual(await perms('minbank'), ['enrollment.start', 'nemid.login', 'oidc.login']);
      assert.deepEqual(await perms('borger'), ['oidc.login', 'oidc.cpr']);
      await db
        .insertInto('cpr_matches')
        .values({
          session_uid: 's',
          identity_id: 'i',
          login_ts: 1,
          mismatches: 0,
          matched_at: null,
          expires_at: T,
        })
        .execute();
      // One row per session.
      await assert.rejects(
        db
          .insertInto('cpr_matches')
          .values({
            session_uid: 's',
            identity_id: 'j',
            login_ts: 2,
            mismatches: 0,
            matched_at: null,
            expires_at: T,
          })
          .execute(),
      );
    } finally {
      await database.close();
    }
  });
}
