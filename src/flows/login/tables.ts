/**
 * The login flow's tables (migration 0022_oidc_store). Times are epoch milliseconds; the payload
 * is JSON text, as everywhere in the MitID service's database.
 */

/** One stored instance of an oidc-provider model (oidcAdapter.ts): its payload and what it is found by. */
export interface OidcPayloadsTable {
  /** The model's name, one of OIDC_MODELS (oidcAdapter.ts). */
  model: string;
  /** The instance's id: a token's jti, a session's id, a client's client_id, … */
  id: string;
  /** The payload the library gave upsert, as JSON text. */
  payload: string;
  /** payload.grantId: the tokens of one grant are revoked together. */
  grant_id: string | null;
  /** payload.userCode: a device code is found by the code the person types. */
  user_code: string | null;
  /** payload.uid: a session is found by its fixed uid. */
  uid: string | null;
  /** When the instance stops being found; null: only destroy removes it. */
  expires_at: number | null;
  /** When consume() first marked it; never cleared, not even by a later upsert. */
  consumed_at: number | null;
}

export interface OidcDb {
  oidc_payloads: OidcPayloadsTable;
}
