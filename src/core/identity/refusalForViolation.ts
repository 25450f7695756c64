/**
 * Turns a violated constraint of the identities table into the refusal it means. The unique
 * index on user_id_norm is what decides between two people who pick the same user-ID at the same
 * moment (a check before the insert cannot: both would pass it), so its violation is the normal
 * "userIdTaken" answer, on both dialects. Anything else is not a refusal (undefined).
 */
import { constraintViolation } from './constraintViolation.ts';
import { IdentityError } from './IdentityError.ts';
import { takenProblems } from './userIdRefusal.ts';

export function refusalForViolation(err: unknown): IdentityError | undefined {
  const violation = constraintViolation(err);
  if (!violation) return undefined;
  // identities.cpr is the only foreign key written from outside (identity_contacts → identities
  // is written in the same transaction).
  if (violation.kind === 'foreignKey') return new IdentityError('unknownPerson');
  // Names: identities_user_id_norm_unique / identities_cpr_unique (PostgreSQL, CockroachDB),
  // identities.user_id_norm / identities.cpr (SQLite).
  if (violation.where.includes('user_id_norm')) return new IdentityError('userIdTaken', takenProblems);
  if (/identities[._]cpr/.test(violation.where)) return new IdentityError('alreadyHasMitid');
  return undefined;
}
