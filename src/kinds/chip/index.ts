/**
 * Public entry of kinds/chip, the MitID chip (a FIDO security key, WebAuthn): its descriptor for
 * the kind registry, the Kind the login box uses, and the registration MitID.dk uses. Other
 * modules import only this file.
 */

export { CHIP_LABEL, chipDescriptor, chipEnrollmentOffer } from './chipDescriptor.ts';
export { ASSERTION_TTL_MS, type ChipAnswer, createChipKind } from './chipKind.ts';
export { type Chip, createChip } from './createChip.ts';
export {
  type ChipActivator,
  type ChipRegistration,
  createChipRegistration,
  type FinishedRegistration,
  REGISTRATION_TTL_MS,
  type RegistrationRefusal,
} from './registration.ts';
export { type RelyingParty, relyingPartyOf } from './relyingParty.ts';
export { sweepChip } from './sweep.ts';
export type { ChipCredentialsTable, ChipDb, ChipRegistrationsTable } from './tables.ts';
export { userHandles } from './userHandle.ts';
