/** The authentication object (docs/decisions/0010 §2.3): types only. */
import type { Factor, KindName, Level, Method, Proof } from '../authenticators/index.ts';

export const ACTIONS = ['login', 'approve', 'confirm', 'accept', 'sign'] as const;
export type Action = (typeof ACTIONS)[number];
export const CHANNELS = ['api', 'browser', 'ciba'] as const;
export type Channel = (typeof CHANNELS)[number];
export const STORED_STATUSES = ['awaiting_channel', 'pending', 'approved', 'rejected', 'cancelled'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
/** As read: an open row past its expiry reads `expired` (computed, never stored). */
export type AuthenticationStatus = StoredStatus | 'expired';
export const CANCEL_REASONS = ['person', 'client', 'blocked', 'superseded'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** What an approval proved: written by the approving UPDATE, handed to the client once. */
export interface AuthenticationResult {
  authenticatorId: string;
  kind: KindName;
  factors: Factor[];
  amr: Method[];
  aal: Level;
  loa: Level;
}

export interface Authentication {
  id: string;
  clientId: string;
  /** null: the request named nobody with an active MitID; no authenticator ever sees it. */
  identityId: string | null;
  action: Action;
  serviceName: string;
  text: string;
  details: string | null;
  requestedLevel: Level;
  /** The person must use the PIN or biometrics (today: level high, or an approval of a payment). */
  requiresUv: boolean;
  kinds: KindName[];
  digest: string;
  challenge: string | null;
  channel: Channel;
  /** Set at create for api/ciba; for a browser-bound one once the app proved the QR or typed code. */
  channelVerifiedAt: number | null;
  /** The browser a browser-bound one is bound to (SHA-256 of its cookie); null for api/ciba. */
  browserHash: string | null;
  status: AuthenticationStatus;
  cancelReason: CancelReason | null;
  /** The kind's sealed in-flight state (the OPAQUE login) and the authenticator it belongs to. */
  step: { authenticatorId: string; state: string } | null;
  proofs: Proof[];
  result: AuthenticationResult | null;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  consumedAt: number | null;
  /** The login box's decoy reference (an HMAC of the typed user-ID), or null. */
  decoyRef?: string | null;
}
