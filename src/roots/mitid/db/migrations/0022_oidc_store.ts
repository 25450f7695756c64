/**
 * 0022_oidc_store: the state of the OpenID Connect provider (issue 9; src/flows/login/oidcAdapter.ts),
 * one row per stored instance of an oidc-provider model (Session, AuthorizationCode, Grant, …).
 * - (model, id) is the key: the library names an instance by its model and id, and ids of two
 *   models may be equal (a Session's jti and an Interaction's uid are both nanoids);
 * - payload is the model's payload as JSON text, stored whole: the library adds properties in
 *   minor versions, so no column is made of one but for the ones it is looked up by (grant_id,
 *   user_code, uid) and the two the adapter itself writes (expires_at, consumed_at);
 * - expires_at (epoch ms, null: until destroyed) is checked on every read, and the sweep deletes
 *   by it; consumed_at (epoch ms) is set once, by one conditional UPDATE.
 * Every look-up names its model, so the indexes lead with it.
 */
import type { Kysely, Migration } from 'kysely';

export const oidcStoreMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('oidc_payloads')
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text')
      .addColumn('user_code', 'text')
      .addColumn('uid', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addPrimaryKeyConstraint('oidc_payloads_pk', ['model', 'id'])
      .execute();
    await db.schema
      .createIndex('oidc_payloads_grant')
      .on('oidc_payloads')
      .columns(['model', 'grant_id'])
      .execute();
    await db.schema
      .createIndex('oidc_payloads_user_code')
      .on('oidc_payloads')
      .columns(['model', 'user_code'])
      .execute();
    await db.schema.createIndex('oidc_payloads_uid').on('oidc_payloads').columns(['model', 'uid']).execute();
    await db.schema.createIndex('oidc_payloads_expires').on('oidc_payloads').column('expires_at').execute();
  },
};
