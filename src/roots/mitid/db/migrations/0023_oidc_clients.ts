/**
 * 0023_oidc_clients (issue 9; decision 0012 §2): the client registry learns OpenID Connect.
 * - client_secrets.sealed: an OpenID Connect client's secret sealed under a key derived from the
 *   client-secret key (src/core/clients/clientSecretHash.ts), because HS256 request objects are
 *   keyed with the secret itself; null for the secrets of other clients and for those made before;
 * - Min Bank (`minbank`) becomes also an OpenID Connect client: the permissions oidc.login and
 *   oidc.cpr are added here, because the start's configuredClients never changes a configured
 *   client's permissions (an operator's change survives restarts). Its dialect, redirect URIs and
 *   sealed secret are written by configuredClients at every start.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const oidcClientsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('client_secrets').addColumn('sealed', 'text').execute();
    const rows = await sql<{ permissions: string }>`
      select permissions from clients where id = 'minbank'
    `.execute(db);
    const row = rows.rows[0];
    if (!row) return;
    let held: unknown = [];
    try {
      held = JSON.parse(row.permissions);
    } catch {
      // a malformed row keeps what it has, plus the two
    }
    const perms = new Set(Array.isArray(held) ? held.filter((p) => typeof p === 'string') : []);
    perms.add('oidc.login');
    perms.add('oidc.cpr');
    await sql`update clients set permissions = ${JSON.stringify([...perms])} where id = 'minbank'`.execute(
      db,
    );
  },
};
