/**
 * What stops `cpr`'s person from having `userId`, short of the database's uniqueness: a broken
 * rule (userIdRules.ts, including the person's own CPR number) or another person's NemID
 * user-ID (the NemidReservation port). Undefined when neither applies.
 */
import { IdentityError } from './IdentityError.ts';
import type { NemidReservation } from './NemidReservation.ts';
import { normaliseUserId, userIdProblems } from './userIdRules.ts';

export const takenProblems = [{ id: 'enrollment.userId.taken' }] as const;

export async function userIdRefusal(
  reservation: NemidReservation,
  userId: string,
  cpr: string,
): Promise<IdentityError | undefined> {
  if (typeof userId !== 'string')
    return new IdentityError('invalidUserId', [{ id: 'enrollment.userId.missing' }]);
  const problems = userIdProblems(userId, { cpr });
  if (problems.length > 0) return new IdentityError('invalidUserId', problems);
  const owner = await reservation.ownerOf(normaliseUserId(userId));
  if (owner !== undefined && owner !== cpr) return new IdentityError('userIdReserved', takenProblems);
  return undefined;
}
