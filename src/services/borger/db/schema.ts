/** Tables of Borger's own database: its sessions, its key store, the logout tokens it took. */
import type { KeysTable, OidcLogoutJtisTable, SessionsTable } from '../../../platform/db/tables.ts';

export interface BorgerDb {
  sessions: SessionsTable;
  keys: KeysTable;
  oidc_logout_jtis: OidcLogoutJtisTable;
}
