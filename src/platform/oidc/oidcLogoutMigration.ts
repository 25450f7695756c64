import type { Kysely } from 'kysely';

/**
 * What a service needs to take back-channel logout tokens (backchannelLogout.ts): the MitID
 * `sid` beside each session (indexed: a logout deletes by it) and the logout tokens' `jti`s.
 */
export async function createOidcLogoutTables(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('mitid_sid', 'text').execute();
  await db.schema.createIndex('sessions_mitid_sid').on('sessions').column('mitid_sid').execute();
  await db.schema
    .createTable('oidc_logout_jtis')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('oidc_logout_jtis_expires')
    .on('oidc_logout_jtis')
    .column('expires_at')
    .execute();
}
