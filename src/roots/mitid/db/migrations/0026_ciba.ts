/**
 * 0026_ciba: the decoupled approval (CIBA poll mode, decision 0013 §5; flows/login/provider/ciba.ts):
 * - ciba_requests links the provider's BackchannelAuthenticationRequest (its id, the auth_req_id
 *   the client polls with) to the authentication the person answers in the app, with the time of
 *   the last poll (the poll interval's `slow_down`, one conditional UPDATE per poll);
 * - authentications.reported: the person rejected a CIBA request with "Afvis og anmeld"; that
 *   client's requests to that person are refused for a day (read from this column);
 * - activity.reported: the report, in the person's activity log (copied with the decision).
 * - Min Bank (`minbank`) gets the permission oidc.ciba (its phone support asks a customer's app),
 *   here, because the start's configuredClients never changes a configured client's permissions.
 * client_id is a plain column, as in authentications: the client registry is another package's.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const cibaMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('ciba_requests')
      .addColumn('auth_req_id', 'text', (c) => c.primaryKey())
      .addColumn('authentication_id', 'text', (c) => c.notNull().unique())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('last_polled_at', 'bigint')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ciba_requests_expires').on('ciba_requests').column('expires_at').execute();
    await db.schema
      .alterTable('authentications')
      .addColumn('reported', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('authentications_reported')
      .on('authentications')
      .columns(['identity_id', 'client_id', 'decided_at'])
      .where(sql.ref('reported'), '=', 1)
      .execute();
    await db.schema
      .alterTable('activity')
      .addColumn('reported', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const rows = await sql<{ permissions: string }>`
      select permissions from clients where id = 'minbank'
    `.execute(db);
    const row = rows.rows[0];
    if (!row) return;
    let held: unknown = [];
    try {
      held = JSON.parse(row.permissions);
    } catch {
      // a malformed row keeps what it has, plus this one
    }
    const perms = new Set(Array.isArray(held) ? held.filter((p) => typeof p === 'string') : []);
    if (!perms.has('oidc.login')) return;
    perms.add('oidc.ciba');
    await sql`update clients set permissions = ${JSON.stringify([...perms])} where id = 'minbank'`.execute(
      db,
    );
  },
};
