/**
 * What stops `cpr`'s person from having `userId`, short of the database's uniqueness: a broken
 * rule (userIdRules.ts, including the person's own CPR number) or another person's NemID
 * user-ID. Undefined when neither applies.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../db/schema.ts';
import { IdentityError } from './IdentityError.ts';
import { nemidReservationOwner } from './nemidReservationOwner.ts';
import { normaliseUserId, userIdProblems } from './userIdRules.ts';

export const takenProblems = [{ id: 'enrollment.userId.taken' }] as const;

export async function userIdRefusal(
  db: Kysely<MitidDb>,
  userId: string,
  cpr: string,
): Promise<IdentityError | undefined> {
  if (typeof userId !== 'string')
    return new IdentityError('invalidUserId', [{ id: 'enrollment.userId.missing' }]);
  const problems = userIdProblems(userId, { cpr });
  if (problems.length > 0) return new IdentityError('invalidUserId', problems);
  const owner = await nemidReservationOwner(db, normaliseUserId(userId));
  if (owner !== undefined && owner !== cpr) return new IdentityError('userIdReserved', takenProblems);
  return undefined;
}
