/** The activity log's tables (migration 0024_activity), joined into core/db/schema.ts. */
import type { ColumnType } from 'kysely';
import type { Action, CancelReason } from '../authentications/index.ts';
import type { KindName, Level } from '../authenticators/index.ts';

export const ACTIVITY_RESULTS = ['approved', 'rejected', 'cancelled', 'expired'] as const;
export type ActivityResult = (typeof ACTIVITY_RESULTS)[number];

/** One use of a person's MitID, as their activity log shows it (issue 9 item 6, issue 12). */
export interface ActivityTable {
  id: string;
  identity_id: string;
  /** When it ended: the decision, or the expiry (epoch ms). */
  at: number;
  /** The client that asked (core/clients) and the name the person was shown. */
  client_id: string;
  service_name: string;
  /** The use's action; `cpr_match`: a CPR number typed at a private service (approved: it matched). */
  action: Action | 'cpr_match';
  /** The authenticator that answered (approved, rejected); null when none did. */
  kind: KindName | null;
  authenticator_id: string | null;
  /** Approved: the level reached (loa); otherwise the level requested. */
  level: Level;
  result: ActivityResult;
  /** Cancelled: by whom or why (the person, the client, a block, a newer login). */
  cancel_reason: CancelReason | null;
  /** The authentication it records: one row per authentication, whatever the result. */
  authentication_id: string | null;
  /** 1: rejected and reported ("Afvis og anmeld", a CIBA request; migration 0026). */
  reported: ColumnType<number, number | undefined, number>;
}

/** How far the sweep has recorded expiries (one row, name `expired`). */
export interface ActivitySweepTable {
  name: string;
  /** Every authentication that expired at or before this (epoch ms) has been looked at. */
  swept_until: number;
}
