/**
 * The login flow's tables (migrations 0022_oidc_store, 0029_backchannel_logouts). Times are epoch
 * milliseconds; the payload is JSON text, as everywhere in the MitID service's database.
 */

import type { OidcPayloadsTable } from '../../core/db/index.ts';

export type { OidcPayloadsTable };

export interface OidcDb {
  oidc_payloads: OidcPayloadsTable;
}

/** A back-channel logout token still to be delivered (provider/sessions.ts, migration 0029). */
export interface BackchannelLogoutsTable {
  id: string;
  client_id: string;
  /** The library's `sub` input: the session's account (MitID uuid). */
  account_id: string;
  sid: string;
  /** Tries that failed so far. */
  attempts: number;
  /** When it may be tried (a claim moves it a lease ahead); null: given up. */
  next_at: number | null;
  created_at: number;
  /** The last failure's short reason (no token, no secret). */
  last_error: string | null;
}

export interface BackchannelLogoutsDb {
  backchannel_logouts: BackchannelLogoutsTable;
}
