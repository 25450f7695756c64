/**
 * The login flow's tables (migration 0022_oidc_store). Times are epoch milliseconds; the payload
 * is JSON text, as everywhere in the MitID service's database.
 */

import type { OidcPayloadsTable } from '../../core/db/index.ts';

export type { OidcPayloadsTable };

export interface OidcDb {
  oidc_payloads: OidcPayloadsTable;
}
