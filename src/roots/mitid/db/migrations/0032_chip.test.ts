/**
 * 0032_chip on both databases: a credential belongs to an existing authenticator and goes with
 * it (CASCADE), one credential id is one chip (unique), a ceremony goes with its identity.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../../../core/db/index.ts';
import type { ChipDb } from '../../../../kinds/chip/index.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

const T = 1_790_000_000_000;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: 0032 makes chip_credentials (unique, cascading) and chip_registrations`, async () => {
    const database = await openDatabaseBefore(dialect, '0032_chip');
    try {
      await migrateToLatest(database);
      const db = (database.db as Kysely<MitidDb>).withTables<ChipDb>();
      await sql`insert into people (cpr, given_name, family_name, birth_date, street, postal_code, city, municipality_code, created_at)
        values ('1505831000', 'T', 'P', '1983-05-15', 'Vej 1', '1456', 'København K', '101', ${T})`.execute(
        db,
      );
      await sql`insert into identities (id, cpr, user_id, user_id_norm, status, created_at, updated_at)
        values ('i-1', '1505831000', 'u1', 'u1', 'active', ${T}, ${T})`.execute(db);
      for (const id of ['a-1', 'a-2']) {
        await sql`insert into authenticators (id, identity_id, kind, status, label, factors, max_level, created_at, activated_at, updated_at)
          values (${id}, 'i-1', 'chip', 'active', 'MitID chip', '["possession"]', 'high', ${T}, ${T}, ${T})`.execute(
          db,
        );
      }
      const credential = (authenticatorId: string, credentialId: string) =>
        db
          .insertInto('chip_credentials')
          .values({
            authenticator_id: authenticatorId,
            credential_id: credentialId,
            public_key: 'pk',
            counter: 0,
            transports: '[]',
            aaguid: '00000000-0000-0000-0000-000000000000',
            created_at: T,
            last_used_at: null,
          })
          .execute();
      await credential('a-1', 'cred-1');
      await assert.rejects(credential('a-2', 'cred-1'), 'one credential id is one chip');
      await assert.rejects(
        credential('no-such-authenticator', 'cred-2'),
        'a credential needs its authenticator',
      );
      await db
        .insertInto('chip_registrations')
        .values({ id: 'r-1', identity_id: 'i-1', challenge: 'c', expires_at: T, used_at: null })
        .execute();
      await db.deleteFrom('authenticators').where('id', '=', 'a-1').execute();
      assert.equal((await db.selectFrom('chip_credentials').selectAll().execute()).length, 0);
      await db.deleteFrom('identities').where('id', '=', 'i-1').execute();
      assert.equal((await db.selectFrom('chip_registrations').selectAll().execute()).length, 0);
    } finally {
      await database.close();
    }
  });
}
