/** Authenticators behind one narrow interface (docs/decisions/0010 §2.2, §3.1). */

export {
  type Activated,
  Authenticators,
  type AuthenticatorsOptions,
  authenticatorFromRow,
  type NewAuthenticator,
  type Target,
} from './Authenticators.ts';
export {
  ASSURANCE_TABLE,
  amrOf,
  assuranceOf,
  factorsOf,
  levelAtLeast,
  loaOf,
  minLevel,
} from './assurance.ts';
export { DECOY_ID_PREFIX, decoyAuthenticatorId, isDecoyAuthenticatorId } from './decoy.ts';
export {
  type ActivationRules,
  type Actor,
  AUTHENTICATOR_STATUSES,
  type Authenticator,
  type AuthenticatorStatus,
  BLOCK_REASONS,
  type BlockReason,
  type BoxStep,
  CONTACT_CHANNELS,
  type ContactChannel,
  DELIVERIES,
  type Delivery,
  type EnrollmentOffer,
  FACTORS,
  type Factor,
  KIND_NAMES,
  type Kind,
  type KindContext,
  type KindName,
  LEVELS,
  type Level,
  type Lock,
  METHODS,
  type Method,
  OFFERED_WHEN,
  type OfferedWhen,
  type Proof,
  type StepOutcome,
} from './Kind.ts';
export { isKindName, type KindDescriptor, KindRegistry, kindRegistry } from './KindRegistry.ts';
export type { AuthenticatorsTable } from './tables.ts';
