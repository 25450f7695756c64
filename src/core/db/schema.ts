/**
 * Tables of the MitID service's database. Times are epoch milliseconds (bigint), booleans are
 * 0/1 integers, structured values are JSON text: the same on SQLite and PostgreSQL.
 */

import type { ColumnType, Generated } from 'kysely';
import type { KeysTable, RateCountersTable, SessionsTable } from '../../platform/db/tables.ts';
import type { ActivitySweepTable, ActivityTable } from '../activity/index.ts';
import type { AuthenticationsTable } from '../authentications/index.ts';
import type { AuthenticatorsTable } from '../authenticators/index.ts';
import type { ClientSecretsTable, ClientsTable } from '../clients/index.ts';
import type { StaffLoginCountersTable, StaffTable } from '../staff/index.ts';

/** The person registry (a stand-in for CPR). */
export interface PeopleTable {
  cpr: string; // 10 digits, no dash
  given_name: string;
  family_name: string;
  birth_date: string; // YYYY-MM-DD
  street: string;
  postal_code: string;
  city: string;
  municipality_code: string; // 3 digits, e.g. 101 København
  created_at: number;
}

/** NemID user-ID and password of a person. */
export interface NemidCredentialsTable {
  cpr: string;
  user_id: string;
  /** Lower-cased user-ID: unique without regard to case. */
  user_id_norm: string;
  password_hash: string; // Argon2id, PHC string
  created_at: number;
}

/**
 * A NemID guessing counter (src/flows/nemid/attemptCounters.ts). `counter_key` names what is counted:
 * `u:` + HMAC of a normalised user-ID (known or not), `d:` + SHA-256 of a trusted browser's
 * device-cookie nonce, `a:` + a client address, or `g` (all untrusted failures).
 */
export interface NemidAttemptCountersTable {
  counter_key: string;
  failures: number;
  /** When the current count started (the window of the address and global counters). */
  window_start: number;
  /** Attempts counted here are refused, without checking the password, until then. */
  blocked_until: number | null;
  /** The last failure counted. */
  updated_at: number;
}

/** A NemID key card: numbered one-time codes. */
export interface NemidKeyCardsTable {
  id: string;
  cpr: string;
  card_number: string; // e.g. 123-456-789
  active: number;
  issued_at: number;
}

export interface NemidKeyCodesTable {
  card_id: string;
  key_no: string; // 4 digits
  code: string; // 6 digits
  used_at: number | null;
}

/** A NemID login in progress: a persisted flow bound to the browser that started it. */
export interface NemidLoginsTable {
  id: string;
  client_id: string;
  redirect_uri: string;
  client_state: string;
  /** SHA-256 of the random binding cookie of the browser that started the login. */
  browser_hash: string;
  status: 'password' | 'keycode' | 'done' | 'failed';
  cpr: string | null;
  card_id: string | null;
  key_no: string | null;
  keycode_attempts: number;
  /** SHA-256 of the authorization code handed to the client. */
  code_hash: string | null;
  code_used_at: number | null;
  created_at: number;
  expires_at: number;
}

/** Every message sent to a person (SMS, e-mail, Digital Post), kept by the outbox transport. */
export interface MessagesTable {
  id: string;
  channel: 'sms' | 'email' | 'digitalpost';
  /** +45 number, e-mail address, or CPR for Digital Post. */
  recipient: string;
  subject: string;
  body: string;
  /**
   * queued: written, waiting for the delivery worker; kept: only in the outbox (no gateway for
   * the channel); sent: handed to a real transport too; failed: refused, or given up on.
   */
  status: 'queued' | 'kept' | 'sent' | 'failed';
  created_at: number;
  /** Delivery attempts so far (migration 0013_outbox). */
  attempts: number;
  /** When the worker may try (again); null once delivered or given up. */
  next_attempt_at: number | null;
  /** The lease of the worker that claimed the row, and that worker's claim token. */
  claimed_until: number | null;
  claim: string | null;
  /** The transport's error code of the last failed attempt (never its text). */
  last_error: string | null;
  delivered_at: number | null;
}

/**
 * A single-use code (validation code for a mobile number or e-mail, activation code): one live
 * code per flow and purpose; a resend replaces it. Only an HMAC of the code is stored.
 */
export interface OneTimeCodesTable {
  flow_id: string;
  purpose: string;
  /** What the code proves when typed back: the mobile number, e-mail or authenticator. */
  subject: string;
  /** Random per send, part of the HMAC input. */
  nonce: string;
  code_hash: string;
  attempts: number;
  max_attempts: number;
  /** How many codes were sent for this flow and purpose, the first included. */
  sends: number;
  /** When the current send window began (CodePolicy.sendWindowMs); 0 before migration 0012. */
  window_started_at: ColumnType<number, number | undefined, number>;
  sent_at: number;
  expires_at: number;
  used_at: number | null;
}

/** User-IDs an enrollment has had checked against other people's (src/flows/enrollment/userIdChecks.ts). */
export interface UserIdChecksTable {
  enrollment_id: string;
  checks: number;
  updated_at: number;
}

/** An enrollment in progress or ended (src/flows/enrollment). */
export interface EnrollmentsTable {
  id: string;
  cpr: string;
  route: 'bank' | 'mitid';
  /** The registration authority that vouched for the person (bank route). */
  ra_client_id: string | null;
  ra_name: string | null;
  /** How the person was identified, e.g. nemid-keycard. */
  identified_by: string;
  /** Where the wizard ends: back in the bank. */
  return_url: string | null;
  /** SHA-256 of the one-time hand-over ticket from the registration authority. */
  ticket_hash: string | null;
  ticket_expires_at: number | null;
  /** SHA-256 of the binding cookie of the browser the flow belongs to. */
  browser_hash: string | null;
  /** Until when that browser may use the flow: 15 minutes after its last request; ended at bank logout. */
  browser_expires_at: number | null;
  /** EnrollmentState as JSON. */
  state: string;
  version: number;
  mobile: string | null;
  email: string | null;
  user_id: string | null;
  identity_id: string | null;
  order_id: string | null;
  /** 1 while the enrollment can go on; 0 once done, cancelled or expired. */
  open: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

/** A Borgerservice office where a kodeviser / kodeoplæser can be collected (src/flows/orders). */
export interface BorgerserviceOfficesTable {
  id: string;
  municipality_code: string; // 3 digits, as people.municipality_code
  name: string;
  street: string;
  postal_code: string;
  city: string;
}

/** A bookable time at an office: at most `capacity` bookings, counted in `booked`. */
export interface OfficeSlotsTable {
  id: string;
  office_id: string;
  starts_at: number;
  capacity: number;
  booked: number;
}

/** An order of a kodeviser or kodeoplæser, by post or for collection (src/flows/orders). */
export interface DeviceOrdersTable {
  id: string;
  cpr: string;
  /** 'chip' since 0033 (post only, no serial from the stock). */
  kind: 'codeDisplay' | 'codeReader' | 'chip';
  delivery: 'post' | 'pickup';
  status: 'ordered' | 'packed' | 'shipped' | 'delivered' | 'ready_for_pickup' | 'collected';
  /** 1 until delivered or collected: at most one open order per person and kind. */
  open: number;
  office_id: string | null;
  slot_id: string | null;
  /** The person's name and address when the order was placed (post only). */
  ship_name: string | null;
  ship_street: string | null;
  ship_postal_code: string | null;
  ship_city: string | null;
  /** Assigned when the device leaves the warehouse or reaches the office. */
  serial_number: string | null;
  /** Post only. */
  tracking_no: string | null;
  /** The Digital Post letter (messages.id) sent with the order. */
  letter_id: string | null;
  created_at: number;
  expected_by: number;
  updated_at: number;
  /** 0033: the price when ordered, in øre (0: free). */
  price_ore: Generated<number>;
  /** 0033: the language of the order's letters. */
  lang: Generated<'da' | 'en'>;
  /** 0033: the Borgerservice handover (pickup): the clerk, the time, the ID shown (type, last 4). */
  handed_over_by: string | null;
  handed_over_at: number | null;
  id_type: string | null;
  id_last4: string | null;
}

/** Who accepted which version of the terms / privacy policy, and when. */
export interface TermsAcceptancesTable {
  id: string;
  cpr: string;
  enrollment_id: string;
  document: 'terms' | 'privacy';
  version: string;
  lang: 'da' | 'en';
  accepted_at: number;
}

/** A person's MitID (src/core/identity): at most one per CPR number. */
export interface IdentitiesTable {
  id: string; // uuid, the stable MitID uuid given to services
  cpr: string;
  /** As the person typed it (NFC), shown back to them. */
  user_id: string;
  /** normaliseUserId(user_id): unique, so user-IDs are unique without regard to case. */
  user_id_norm: string;
  status: 'pending_activation' | 'active' | 'blocked' | 'revoked';
  /** 1: the person is told of every use of their MitID ("besked hver gang"; migration 0020). */
  notify_every_use: ColumnType<number, number | undefined, number>;
  /** How the person was identified (identity assurance); loa = min(ial, aal). */
  ial: ColumnType<
    'low' | 'substantial' | 'high',
    'low' | 'substantial' | 'high' | undefined,
    'low' | 'substantial' | 'high'
  >;
  created_at: number;
  updated_at: number;
}

/** A confirmed mobile number (+45…) or e-mail address of an identity: one per channel. */
export interface IdentityContactsTable {
  identity_id: string;
  channel: 'mobile' | 'email';
  value: string;
  confirmed_at: number;
}

/** An activation of the MitID app on a device: a persisted flow (src/kinds/app/server, docs/protocols/app.md). */
export interface AppActivationsTable {
  id: string;
  /** null when the user-ID named no identity that may activate: such a flow never succeeds. */
  identity_id: string | null;
  /** The id the device gets when the flow finishes; also the OPAQUE user identifier of its PIN. */
  device_id: string;
  device_name: string;
  /** How the person proved the right to activate. */
  via: 'activationCode' | 'transferCode';
  step: 'activationCode' | 'temporaryPin' | 'pin' | 'finish' | 'done';
  /** Activation codes tried in this flow (at most 3, counted before compared). */
  code_tries: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
  expires_at: number;
  /**
   * The step whose answer is kept (migration 0013_outbox), the keyed digest of its request, and
   * the answer sealed to the flow: a step repeated after a crash gets the same answer.
   */
  answered_step: 'activationCode' | 'finish' | null;
  answer_request: string | null;
  answer: string | null;
}

/**
 * The app kind's data of an authenticator (migration 0020): the device's public key and its
 * biometrics. Its status, name and identity are the authenticator's (authenticators).
 */
export interface AppDevicesTable {
  authenticator_id: string;
  /** The device's ECDSA P-256 public key as a JWK (kty, crv, x, y) in JSON. */
  public_key: string;
  /** How many users the app on this device holds, as it reported: biometrics only with one. */
  users_in_app: number;
  /** The WebAuthn credential that unlocks the key with biometrics (base64url), if turned on. */
  webauthn_credential_id: string | null;
  webauthn_public_key: string | null;
  webauthn_counter: number;
  /** The challenge of the registration options last handed out, and until when it holds. */
  webauthn_challenge: string | null;
  webauthn_challenge_expires_at: number | null;
}

/** The app's PIN (migration 0020): its OPAQUE record (never the PIN) and its attempt counter. */
export interface AppPinsTable {
  authenticator_id: string;
  opaque_record: string;
  /** PIN attempts since the last right PIN, each counted when it starts (pinLimits.ts). */
  failures: number;
  blocked_until: number | null;
  registered_at: number;
}

/** Signed device requests seen within their time window (replay protection). */
export interface AppSignedRequestsTable {
  request_hash: string;
  device_id: string;
  expires_at: number;
}

/** oidc-provider's storage (src/flows/login/oidcAdapter.ts, migration 0022_oidc_store). */
/** One stored instance of an oidc-provider model (src/flows/login/oidcAdapter.ts): its payload and what it is found by. */
export interface OidcPayloadsTable {
  /** The model's name, one of OIDC_MODELS (src/flows/login/oidcAdapter.ts). */
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

/** A session's CPR match (src/flows/login/provider/cprMatch.ts, migration 0028_cpr_matches). */
export interface CprMatchesTable {
  /** The provider session's uid (fixed for the session's life). */
  session_uid: string;
  /** The login the tries belong to: its MitID uuid and time (epoch seconds). */
  identity_id: string;
  login_ts: number;
  /** Numbers typed that did not match (at most 3). */
  mismatches: number;
  /** When a number typed matched (epoch ms); null: not yet. */
  matched_at: number | null;
  /** The session's end (epoch ms): the sweep deletes by it. */
  expires_at: number;
}

export interface MitidDb {
  people: PeopleTable;
  nemid_credentials: NemidCredentialsTable;
  nemid_key_cards: NemidKeyCardsTable;
  nemid_key_codes: NemidKeyCodesTable;
  nemid_logins: NemidLoginsTable;
  nemid_attempt_counters: NemidAttemptCountersTable;
  messages: MessagesTable;
  sessions: SessionsTable;
  one_time_codes: OneTimeCodesTable;
  enrollments: EnrollmentsTable;
  terms_acceptances: TermsAcceptancesTable;
  borgerservice_offices: BorgerserviceOfficesTable;
  office_slots: OfficeSlotsTable;
  device_orders: DeviceOrdersTable;
  identities: IdentitiesTable;
  identity_contacts: IdentityContactsTable;
  app_activations: AppActivationsTable;
  authenticators: AuthenticatorsTable;
  app_devices: AppDevicesTable;
  app_pins: AppPinsTable;
  authentications: AuthenticationsTable;
  app_signed_requests: AppSignedRequestsTable;
  keys: KeysTable;
  rate_counters: RateCountersTable;
  user_id_checks: UserIdChecksTable;
  clients: ClientsTable;
  client_secrets: ClientSecretsTable;
  oidc_payloads: OidcPayloadsTable;
  activity: ActivityTable;
  activity_sweep: ActivitySweepTable;
  cpr_matches: CprMatchesTable;
  ciba_requests: CibaRequestsTable;
  code_device_stock: CodeDeviceStockTable;
  code_devices: CodeDevicesTable;
  code_device_decoys: CodeDeviceDecoysTable;
  passwords: PasswordsTable;
  staff: StaffTable;
  staff_login_counters: StaffLoginCountersTable;
}

/** A CIBA request's link to its authentication (migration 0026; flows/login/provider/ciba.ts). */
export interface CibaRequestsTable {
  /** The BackchannelAuthenticationRequest's id: the client's auth_req_id. */
  auth_req_id: string;
  authentication_id: string;
  client_id: string;
  /** When the client last polled (epoch ms): a poll sooner than the interval is `slow_down`. */
  last_polled_at: number | null;
  expires_at: number;
}

/**
 * One code device from a factory's PSKC file (src/kinds/code-device, migration 0030_code_devices,
 * decision 0014 §1.1): in stock, reserved for an order, activated or retired.
 */
export interface CodeDeviceStockTable {
  /** KV- (kodeviser) or KO- (kodeoplæser) and 9 digits, as on the back of the device. */
  serial: string;
  kind: 'codeDisplay' | 'codeReader';
  /** The PSKC file's KeyContainer Id, or the file's SHA-256. */
  batch: string;
  /** The TOTP seed, sealed (AES-256-GCM, the serial as associated data: secretSealer.ts). */
  secret: string;
  algorithm: 'SHA1';
  digits: number;
  period: number;
  t0: number;
  status: 'in_stock' | 'reserved' | 'activated' | 'retired';
  /** The order it was reserved for (flows/orders' device_orders.id); null in stock. */
  order_id: string | null;
  /**
   * The activation's wrong codes (before a code_devices row exists): counted before comparing,
   * slowed as a login is (kinds/code-device/slowdown.ts). Not in decision 0014's first list: see its §3 As built.
   */
  failures: ColumnType<number, number | undefined, number>;
  rounds: ColumnType<number, number | undefined, number>;
  blocked_until: number | null;
  imported_at: number;
  updated_at: number;
}

/** An activated code device: the TOTP state and its two slow-down counters. */
export interface CodeDevicesTable {
  authenticator_id: string;
  serial: string;
  /** The last accepted TOTP step: a step at or below it is never accepted again. */
  last_step: number;
  /** The device's clock against ours, in steps, as of the last accepted code. */
  drift_steps: number;
  /** Wrong codes in a row from any browser but the trusted one, the rounds slowed, until when. */
  failures: number;
  rounds: number;
  blocked_until: number | null;
  /** The browser that last succeeded (the authentication's browser_hash) and its own counter. */
  trusted_browser_hash: string | null;
  trusted_failures: number;
  trusted_rounds: number;
  trusted_blocked_until: number | null;
}

/** The MitID password's data (migration 0031; src/kinds/password): its hash and its counters. */
export interface PasswordsTable {
  authenticator_id: string;
  /** Argon2id, PHC string. */
  hash: string;
  /** Wrong passwords in a row, each counted before its comparison; 10 or more: locked for good. */
  failures: number;
  /** The 15-minute lock after each 3rd wrong password (epoch ms). */
  blocked_until: number | null;
  changed_at: number;
}

/**
 * A decoy code device's wrong-code counter (migration 0035_box_decoys, src/kinds/code-device):
 * keyed by the decoy authenticator's id (the box's HMAC of a typed user-ID), the same rules as
 * code_devices' untrusted counter, so a decoy slows down as a real device does.
 */
export interface CodeDeviceDecoysTable {
  decoy_id: string;
  failures: number;
  rounds: number;
  blocked_until: number | null;
}
