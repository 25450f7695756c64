/** Tables of Borger's own database: only its sessions and its key store. */
import type { KeysTable, SessionsTable } from '../../../platform/db/tables.ts';

export interface BorgerDb {
  sessions: SessionsTable;
  keys: KeysTable;
}
