/** One-line English descriptions of input problems, for the developer CLI. */
import type { FieldProblem } from '../../core/people/index.ts';

const fieldNames: Record<string, string> = {
  cpr: '--cpr',
  givenName: '--name (given name)',
  familyName: '--name (family name)',
  street: '--street',
  postalCode: '--postal-code',
  city: '--city',
  municipalityCode: '--municipality',
  userId: '--user-id',
  password: '--password',
};

const reasons: Record<string, string> = {
  required: 'is required',
  too_long: 'is too long',
  too_short: 'is too short',
  format: 'has the wrong format',
  date: 'is not a real date (DDMMYY, century from the 7th digit)',
  taken: 'is already taken',
  has_nemid: 'already has NemID',
  unknown_person: 'is not in the person registry',
  not_own_cpr: 'may only be the person’s own CPR number',
  contains_user_id: 'must not contain the user-ID',
  contains_cpr: 'must not contain the CPR number',
};

export function describeProblem(p: FieldProblem): string {
  const field = fieldNames[p.field] ?? p.field;
  const extra =
    p.field === 'password' && p.reason === 'format'
      ? 'needs 6–40 characters with a letter and a digit'
      : p.field === 'userId' && p.reason === 'format'
        ? 'needs 6–20 of a–z æ ø å 0–9 . _ - with a letter (or the person’s CPR number)'
        : p.field === 'municipalityCode' && p.reason === 'format'
          ? 'must be 3 digits'
          : p.field === 'postalCode' && p.reason === 'format'
            ? 'must be 4 digits'
            : (reasons[p.reason] ?? p.reason);
  return `${field} ${extra}`;
}
