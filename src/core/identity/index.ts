/**
 * Public entry of core/identity: the identity store, its types and refusals, the user-ID rules,
 * and the port through which it learns of NemID user-IDs (NemidReservation, implemented by
 * flows/nemid and passed in by the composition root). Other modules import only this file.
 */
export type { Contact, Identity } from './Identity.ts';
export { IdentityError } from './IdentityError.ts';
export { IdentityStore, type IdentityStoreOptions } from './IdentityStore.ts';
export { identityRefusal } from './identityErrorCodes.ts';
export type { NemidReservation } from './NemidReservation.ts';
export {
  canonicalUserId,
  isValidUserId,
  normaliseUserId,
  USER_ID_MAX_LENGTH,
  type UserIdProblem,
  userIdProblems,
} from './userIdRules.ts';
