/**
 * A broker dialect (decision 0012 §3): how one real MitID broker spells a login request and its
 * answer, so that a service written for that broker runs against us by changing its configuration.
 * Pure: no I/O. The provider (flows/login/provider) asks the client's dialect what a request means
 * and what claims to issue; the login box shows what the dialect parsed.
 */
import type { Action } from '../../../core/authentications/index.ts';
import type { Level, Method } from '../../../core/authenticators/index.ts';
import type { PaymentInitiation } from './transfer.ts';

export const DIALECTS = ['signaturgruppen', 'idura'] as const;
export type DialectName = (typeof DIALECTS)[number];

/** What the service asked for, whatever the dialect's spelling. */
export interface LoginRequest {
  /** The level the login must reach (Signaturgruppen's default: substantial). */
  level: Level;
  /** The box's and the app's action header ("Log på", "Godkend", …). */
  action: Action;
  /** The reference text, decoded (NFC, ≤130 characters, checkPersonText), shown at the last step and in the app. */
  referenceText: string | null;
  /** A known person: skip the user-ID (Signaturgruppen `uuid_hint`, Idura `uuid:`). The MitID uuid. */
  uuidHint: string | null;
  /** The box's language when the request names one (`language` / `ui_locales`). */
  language: 'da' | 'en' | null;
  /** `simulation=no-ui uuid:<uuid>`: only from a test client, only when OIDC_SIMULATION is on. */
  simulation: { uuid: string } | null;
  /**
   * Signaturgruppen's `idp_params.mitid.enable_step_up`: a new login above the session's level
   * (the dialect checks `prompt=login`; the provider checks the level, decision 0013 §3).
   */
  stepUp?: boolean;
  /** What the person approves (decision 0013 §2): present only on a transaction's request. */
  transaction?: Transaction;
}

/** A transaction to approve: its text, and the transfer it was rendered from (null: a sign text alone). */
export interface Transaction {
  /** Exactly what the person approves (NFC, ≤130 characters, checkPersonText). */
  text: string;
  type: 'text';
  /** The `payment_initiation` element as approved (normalised), or null. */
  details: PaymentInitiation | null;
}

/** A request the dialect refuses: error and description as the broker would send them. */
export interface RequestRefusal {
  error: 'invalid_request' | 'invalid_scope' | 'unauthorized_client';
  description: string;
}

/** What the dialect needs to know of the client asking. */
export interface DialectClient {
  id: string;
  /** May receive the CPR number (scope `ssn`). */
  mayCpr: boolean;
  /** A test client: may use the simulation parameter (when the setting allows it). */
  testClient: boolean;
}

/** The person, as the registers know them. */
export interface PersonFacts {
  /** The MitID uuid (identities.id): stable per person, the same at every client. */
  uuid: string;
  name: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  cpr: string;
  identityType: 'private';
}

/** The login that was made (the authentication's result). */
export interface LoginFacts {
  /** The authentication's id: `transaction_id` / `mitid.transaction_id`. */
  authenticationId: string;
  /** Epoch seconds. */
  authTime: number;
  loa: Level;
  ial: Level;
  aal: Level;
  amr: Method[];
  /** The provider's session id (`neb_sid`) and when it ends (epoch seconds). */
  sessionId: string;
  sessionExpiry: number;
}

export interface Dialect {
  name: DialectName;
  /** The authorization parameters beyond OpenID Connect's that this dialect reads. */
  extraParams: readonly string[];
  /** The scopes a client of this dialect may ask for (and which need `mayCpr`). */
  scopes: readonly string[];
  cprScopes: readonly string[];
  /** The authorization request → what to ask the person, or the refusal the broker would give. */
  parseRequest(
    params: Readonly<Record<string, unknown>>,
    client: DialectClient,
    settings: { simulationEnabled: boolean },
  ): { ok: true; request: LoginRequest } | { ok: false; refusal: RequestRefusal };
  /** The claims of the ID token (`use: 'id_token'`) or of userinfo, for the granted scopes. */
  claims(
    use: 'id_token' | 'userinfo',
    scopes: ReadonlySet<string>,
    person: PersonFacts,
    login: LoginFacts,
    nowS: number,
  ): Record<string, unknown>;
  /** The `acr` value for a level (the ID token's `acr`). */
  acr(level: Level): string;
  /** How the person's cancel (Afbryd) or rejection in the app reaches the client. */
  cancelled: { error: 'access_denied'; error_description?: string };
  /** A malformed authorization request: an error page (Signaturgruppen) or a redirect (Idura). */
  malformedRequest: 'page' | 'redirect';
}
