/**
 * The public code of each reason the identity store refuses (IdentityError.ts), once: a reason
 * without a code fails the type-check. The user-ID pages show `problems` beside the field; this
 * is what any other caller, and the service's error handler, answers.
 */
import { type ErrorCode, MitidError } from '../errors/index.ts';
import { IdentityError, type IdentityRefusal } from './IdentityError.ts';

export const identityErrorCodes = {
  invalidUserId: 'ERR_USER_ID_INVALID',
  userIdTaken: 'ERR_USER_ID_TAKEN',
  // Not exposed: shown as ERR_USER_ID_TAKEN (a stranger's NemID user-ID is not for others to learn).
  userIdReserved: 'ERR_USER_ID_RESERVED',
  alreadyHasMitid: 'ERR_ALREADY_HAS_MITID',
  unknownPerson: 'ERR_UNKNOWN_PERSON',
  notFound: 'ERR_IDENTITY_NOT_FOUND',
  statusChangeNotAllowed: 'ERR_STATUS_CHANGE_NOT_ALLOWED',
  revoked: 'ERR_IDENTITY_REVOKED',
} as const satisfies Record<IdentityRefusal, ErrorCode>;

/** An IdentityError that reached the error handler, as its catalogue refusal. */
export const identityRefusal = (err: unknown): MitidError | undefined =>
  err instanceof IdentityError
    ? new MitidError(identityErrorCodes[err.reason], {}, { cause: err })
    : undefined;
