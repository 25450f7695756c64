/** The authentications' table (migration 0021_authentications), joined into core/db/schema.ts. */
import type { ColumnType } from 'kysely';
import type { KindName, Level } from '../authenticators/index.ts';
import type { Action, CancelReason, Channel, StoredStatus } from './Authentication.ts';

/** "A service asks who this is / whether this person approves this", whatever the authenticator. */
export interface AuthenticationsTable {
  /** Copied rows keep the app transaction's id (digests and sealed states stay valid). */
  id: string;
  /** The client that asked (core/clients); only it reads or consumes the result. */
  client_id: string;
  /** null: the request named nobody with an active MitID; no authenticator ever sees it. */
  identity_id: string | null;
  action: Action;
  /** What the person reads (checkPersonText, NFC). */
  service_name: string;
  text: string;
  /** Rich authorization details (issue 10), JSON. */
  details: string | null;
  requested_level: Level;
  /** 1: the PIN or biometrics are required (level high, or a payment's approval). */
  requires_uv: number;
  /** JSON array of KindName: the kinds that may answer. */
  kinds: string;
  /** base64url(SHA-256(canonical JSON of the shown fields)): what the device signs. */
  digest: string;
  /** Random, single-use: cleared by the decision. */
  challenge: string | null;
  channel: Channel;
  /** SHA-256 of the binding cookie of the browser that started it (issue 9's login box). */
  browser_hash: string | null;
  interaction_id: string | null;
  channel_secret: string | null;
  /** Set at create for api/ciba; for a browser-bound one once the app proved the QR or code. */
  channel_verified_at: number | null;
  status: StoredStatus;
  cancel_reason: CancelReason | null;
  /** The kind's sealed in-flight state (the OPAQUE login), bound to (id, authenticator), used once. */
  step_authenticator_id: string | null;
  step_state: string | null;
  /** JSON array of Proof: one per completed step. */
  proofs: string;
  /** The result, written by the approving UPDATE (authenticator_id also by a rejection). */
  authenticator_id: string | null;
  kind: KindName | null;
  factors: string | null;
  amr: string | null;
  aal: Level | null;
  loa: Level | null;
  /** JSON: what the authenticator gave (the app's signature). */
  evidence: string | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  consumed_at: number | null;
  /** 1: the person rejected a CIBA request with "Afvis og anmeld" (migration 0026). */
  reported: ColumnType<number, number | undefined, number>;
  /**
   * The login box's decoy reference (migration 0035): an HMAC of the typed user-ID, set at create
   * for every start by user-ID, known or not; the code step's decoy device is named by it.
   */
  decoy_ref: ColumnType<string | null, string | null | undefined, string | null>;
}
