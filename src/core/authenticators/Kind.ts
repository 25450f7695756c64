/**
 * The authenticator kind (docs/decisions/0010 §3.1): what every kind of authenticator (the app
 * now; code display, code reader, chip and password next) offers the core. The core never parses
 * a kind's answer: a kind turns an answer into a Proof, and the core turns proofs into a level.
 */
import type { Kysely } from 'kysely';
import type { MessageId } from '../../i18n/catalogue.ts';
import type { Authentication } from '../authentications/index.ts';
import type { MitidDb } from '../db/index.ts';

export const KIND_NAMES = ['app', 'codeDisplay', 'codeReader', 'chip', 'password'] as const;
export type KindName = (typeof KIND_NAMES)[number];
export const FACTORS = ['possession', 'knowledge', 'inherence'] as const;
export type Factor = (typeof FACTORS)[number];
/** eIDAS / NSIS levels of assurance, lowest first. */
export const LEVELS = ['low', 'substantial', 'high'] as const;
export type Level = (typeof LEVELS)[number];
/** Our amr vocabulary; issue 9's dialects map it (Signaturgruppen: code_app, password, …). */
export const METHODS = ['app', 'pin', 'biometrics', 'codeDisplay', 'codeReader', 'chip', 'password'] as const;
export type Method = (typeof METHODS)[number];

export const AUTHENTICATOR_STATUSES = ['active', 'blocked', 'revoked'] as const;
export type AuthenticatorStatus = (typeof AUTHENTICATOR_STATUSES)[number];
export const BLOCK_REASONS = ['person', 'support', 'lost', 'credentialLocked'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];
/** Who did it: the person (their identity id), a member of staff (`staff:<id>`), or the system. */
export type Actor = string;

/** What one completed step proves. */
export interface Proof {
  authenticatorId: string;
  kind: KindName;
  factors: Factor[];
  methods: Method[];
  at: number;
}

/** An authenticator: one row of `authenticators`; the kind's own data references it. */
export interface Authenticator {
  id: string;
  identityId: string;
  kind: KindName;
  status: AuthenticatorStatus;
  label: string;
  factors: Factor[];
  maxLevel: Level;
  blockedReason: BlockReason | null;
  blockedBy: Actor | null;
  createdAt: number;
  activatedAt: number;
  blockedAt: number | null;
  revokedAt: number | null;
  updatedAt: number;
}

/** What the login box shows to begin (issue 9 renders it). */
export type BoxStep =
  | { type: 'openApp'; qr: boolean; code: boolean }
  | { type: 'otp' | 'password' }
  /** The chip: WebAuthn request options (JSON, as @simplewebauthn/browser takes them); the
   *  challenge is sealed into the authentication's step state (decision 0014 §4). */
  | {
      type: 'webauthn';
      options: Record<string, unknown>;
      /** What the login box keeps as the step state (Authentications.startStep) for `complete`
       *  to read as `auth.step.state`: the kind's sealed challenge; without it, the options'
       *  `challenge` as it is (decision 0014 §4, as built). */
      state?: string;
    };

/**
 * A kind's refusal carries a code of the error catalogue (core/errors, issue 8 item 4); until the
 * catalogue lands it is the code as a string.
 */
export type StepOutcome =
  | { ok: true; proof: Proof }
  | { ok: false; code: string; details?: Record<string, unknown> };

/** The kind's own lock (PIN round, TOTP slow-down), as the person is shown it. */
export type Lock = { locked: false } | { locked: true; until: number | null };

/** How a person gets an authenticator: from the app store, by post, collected at a Borgerservice. */
export const DELIVERIES = ['appStore', 'post', 'pickup'] as const;
export type Delivery = (typeof DELIVERIES)[number];
/** A contact the enrollment wizard confirms with a validation code. */
export const CONTACT_CHANNELS = ['mobile', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
/**
 * When a kind can be chosen: in the enrollment wizard, or only once MitID is in use (the chip,
 * bought on MitID.dk: "Det kan du dog først gøre efter, at du har taget MitID i brug").
 */
export const OFFERED_WHEN = ['enrollment', 'inUse'] as const;
export type OfferedWhen = (typeof OFFERED_WHEN)[number];

/**
 * What the enrollment wizard offers of a kind (the kind registry holds it, KindRegistry.ts): its
 * texts as catalogue ids (src/i18n), how it is delivered, the contact it needs, and whether it can
 * be chosen at enrollment. The registry refuses an offer whose texts are missing in a language.
 */
export interface EnrollmentOffer {
  when: OfferedWhen;
  /** Either from the app store alone, or ordered (by post and/or collected): never both. */
  deliveries: readonly Delivery[];
  /** The contact the wizard must have confirmed before moving on: any one of these. */
  contact: readonly ContactChannel[];
  /** The choice's name on the choose step ('wizard.choose.app'). */
  label: MessageId;
  /** The line under it on the choose step; for a kind offered only in use, the page's note on it. */
  hint: MessageId;
  /** Its full name in sentences ("MitID kodeviser"): page titles, order refusals. */
  name: MessageId;
  /** The contact step's note on why this contact (required when offered at enrollment). */
  contactNote?: MessageId;
  /** The contact step's refusal when that contact is not confirmed (required as contactNote). */
  contactMissing?: MessageId;
}

export interface KindContext {
  db: Kysely<MitidDb>;
  now(): number;
}

export interface Kind<Answer = unknown> {
  readonly name: KindName;
  /** The most one use gives (the app without PIN gives less), and at most which level. */
  readonly factors: readonly Factor[];
  readonly maxLevel: Level;
  /** Partners in one authentication (codeDisplay, codeReader, chip: password). */
  readonly needs: readonly KindName[];
  /** Kept by Authenticators.activate: app 3, the others 1; codeDisplay excludes codeReader. */
  readonly maxActivePerIdentity: number;
  readonly excludes: readonly KindName[];
  /** What the wizard and MitID.dk offer of it; none for a kind that is never chosen on its own
   *  (the password, made with a device: decision 0014). */
  readonly enrollment?: EnrollmentOffer;
  /** The box's next step; may seal state into the authentication (step_*). */
  begin(ctx: KindContext, a: Authenticator, auth: Authentication): Promise<BoxStep>;
  /** An answer → a proof or a refusal. Counts its attempt before comparing, in its own table;
   *  never changes authenticators.status. `a` may be a decoy (an id with no row: the login box's
   *  stand-in for nobody, decision 0014 §4): the kind then takes the same statements and about
   *  the same time, and refuses as for a wrong answer. */
  complete(ctx: KindContext, a: Authenticator, auth: Authentication, answer: Answer): Promise<StepOutcome>;
  lockState(a: Authenticator, now: number): Promise<Lock>;
  /** In block/revoke's transaction: drop in-flight kind state (biometric challenge, OPAQUE login). */
  onBlocked?(trx: Kysely<MitidDb>, authenticatorId: string): Promise<void>;
}

/** The rules Authenticators.activate keeps, by kind (the kinds' own objects live in kinds/). */
export interface ActivationRules {
  factors: readonly Factor[];
  maxLevel: Level;
  maxActivePerIdentity: number;
  excludes: readonly KindName[];
}
