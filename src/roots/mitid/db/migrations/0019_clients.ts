/**
 * 0019_clients (docs/decisions/0010-authentication-core.md §2.1): the one client registry of
 * every party that talks to MitID (src/core/clients). The two clients that exist today keep
 * their ids, so enrollments.ra_client_id, nemid_logins.client_id and app_transactions.client_id
 * keep pointing right:
 * - `minbank`: Min Bank, a registration authority that also asks for approvals and uses the
 *   NemID login; its secret is BANK_CLIENT_SECRET's hash, written at every start
 *   (configuredClients), so the migration inserts none;
 * - `mitid.dk`: MitID.dk, an internal client of the NemID login (no secret, no token endpoint).
 * Origins, URIs and names come from the settings at every start; the rows here only make them
 * exist, so that foreign keys onto clients (0021's authentications) hold from the start.
 *
 * No foreign key is added to the existing columns that name a client: SQLite adds one only by
 * rebuilding the table, and enrollments is referenced by user_id_checks (ON DELETE CASCADE: the
 * rebuild's DROP would delete every count), nemid_logins' rows live minutes, and
 * app_transactions is replaced by 0021, whose authentications.client_id has the foreign key.
 */
import { type Kysely, type Migration, sql } from 'kysely';

const seeded = [
  {
    id: 'minbank',
    name: 'Min Bank',
    permissions: ['enrollment.start', 'enrollment.status', 'approvals.create', 'nemid.login'],
    internal: 0,
  },
  { id: 'mitid.dk', name: 'MitID.dk', permissions: ['nemid.login'], internal: 1 },
];

export const clientsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('clients')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('permissions', 'text', (c) => c.notNull())
      .addColumn('origin', 'text')
      .addColumn('redirect_uris', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('home_url', 'text')
      .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
      // Issue 9/10 (OpenID Connect): the claim dialect, the test-client flag, further settings.
      .addColumn('dialect', 'text')
      .addColumn('test_client', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('clients_status_known', sql`status in ('active', 'disabled')`)
      .addCheckConstraint('clients_internal_flag', sql`internal in (0, 1)`)
      .execute();
    await db.schema
      .createTable('client_secrets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addCheckConstraint('client_secrets_source_known', sql`source in ('config', 'admin')`)
      .execute();
    await db.schema.createIndex('client_secrets_client').on('client_secrets').column('client_id').execute();
    const now = Date.now();
    for (const c of seeded) {
      await sql`
        insert into clients (id, name, status, permissions, internal, created_at, updated_at)
        values (${c.id}, ${c.name}, 'active', ${JSON.stringify(c.permissions)}, ${c.internal}, ${now}, ${now})
      `.execute(db);
    }
  },
};
