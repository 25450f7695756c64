/** Tables of Min Bank's own database. Amounts are in øre (bigint); times are epoch milliseconds. */
import type { KeysTable, OidcLogoutJtisTable, SessionsTable } from '../../../platform/db/tables.ts';

export interface CustomersTable {
  cpr: string;
  customer_no: string;
  name: string;
  /** When it became this customer's turn to get MitID (null: not yet). */
  mitid_turn_at: number | null;
  /** After this time the customer can no longer use NemID at the bank. */
  mitid_deadline_at: number | null;
  /** The MitID uuid, linked at the first MitID login (a CPR match); null until then. */
  mitid_uuid: string | null;
  created_at: number;
}

export interface AccountsTable {
  id: string;
  cpr: string;
  name: string;
  reg_no: string; // 4 digits
  account_no: string; // up to 10 digits
  balance_ore: number;
  created_at: number;
}

/** awaiting_approval → booked | cancelled (the person said no, or it expired) | refused (checks failed). */
export type TransferStatus = 'awaiting_approval' | 'booked' | 'cancelled' | 'refused';

export interface TransfersTable {
  id: string;
  cpr: string;
  /** The debtor account (the customer's). */
  account_id: string;
  creditor_reg_no: string;
  creditor_account_no: string;
  amount_ore: number;
  message: string | null;
  /** The canonical authorization_details (RFC 9396) JSON pushed to MitID. */
  authorization_details: string;
  /** The text the person approves, rendered by the bank in `lang`. */
  text: string;
  lang: 'da' | 'en';
  status: TransferStatus;
  /** Why a transfer was not booked (a verifier code, access_denied, expired, …). */
  reason: string | null;
  created_at: number;
  decided_at: number | null;
}

export interface BookingsTable {
  id: string;
  transfer_id: string;
  account_id: string;
  amount_ore: number;
  /** The transaction token (JWS) as MitID issued it: the evidence of the approval. */
  transaction_token: string;
  jti: string;
  /** The NSIS level the approval reached (the token's loa). */
  loa: string;
  /** auth_time of the token, epoch ms. */
  approved_at: number;
  booked_at: number;
}

/** A phone support request to a customer's MitID app (CIBA), and how it ended. */
export interface SupportCallsTable {
  id: string;
  customer_no: string;
  cpr: string;
  binding_message: string;
  /** The provider's auth_req_id; null when MitID refused the request. */
  auth_req_id: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'expired' | 'refused' | 'failed';
  /** The approval's MitID transaction id (the ID token's transaction_id). */
  transaction_id: string | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}

export interface BankDb {
  support_calls: SupportCallsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  transfers: TransfersTable;
  bookings: BookingsTable;
  sessions: SessionsTable;
  keys: KeysTable;
  oidc_logout_jtis: OidcLogoutJtisTable;
}
