/**
 * Why the identity store refused, as a stable reason code (one catalogue: identityRefusals).
 * Nothing has been written when this is thrown. For a refused user-ID, `problems` holds the
 * message ids to show beside the field: the broken rules for invalidUserId, and
 * "enrollment.userId.taken" for both userIdTaken and userIdReserved (the person is not told that
 * the user-ID belongs to somebody's NemID: that would say more about a stranger than "in use").
 */
import type { UserIdProblem } from './userIdRules.ts';

export const identityRefusals = [
  /** The user-ID breaks a rule of userIdRules.ts (`problems` lists them). */
  'invalidUserId',
  /** Another identity has the user-ID (without regard to case). */
  'userIdTaken',
  /** The user-ID is another person's NemID user-ID, reserved for them. */
  'userIdReserved',
  /** The person (CPR number) already has a MitID. */
  'alreadyHasMitid',
  /** The CPR number is not in the person registry. */
  'unknownPerson',
  /** No identity with that id. */
  'notFound',
  /** The status cannot go from its current value to the one asked for (identityStatus.ts). */
  'statusChangeNotAllowed',
  /** A revoked identity cannot be changed. */
  'revoked',
] as const;

export type IdentityRefusal = (typeof identityRefusals)[number];

export class IdentityError extends Error {
  override name = 'IdentityError';
  readonly reason: IdentityRefusal;
  readonly problems: readonly UserIdProblem[];
  constructor(reason: IdentityRefusal, problems: readonly UserIdProblem[] = []) {
    // The message names the reason only: never the user-ID or the CPR number (it may be logged).
    super(`Identity refused: ${reason}`);
    this.reason = reason;
    this.problems = problems;
  }
}
