/**
 * Rules for a person in the registry (a stand-in for CPR):
 * - a valid CPR number (validateCpr), stored as 10 digits;
 * - given name(s) 1–50 and family name 1–40 characters (CPR's field widths), letters with spaces,
 *   hyphens, apostrophes and full stops between them;
 * - street 1–80 characters, city 1–40, no control characters;
 * - postal code 4 digits; municipality code 3 digits (e.g. 101 København).
 * Surrounding whitespace is trimmed and inner runs of spaces collapsed.
 */
import type { FieldProblem } from './InvalidInputError.ts';
import { validateCpr } from './validateCpr.ts';

export interface PersonInput {
  cpr: string;
  givenName: string;
  familyName: string;
  street: string;
  postalCode: string;
  city: string;
  municipalityCode: string;
}

export interface ValidPerson extends PersonInput {
  birthDate: string;
}

export type PersonValidation = { ok: true; person: ValidPerson } | { ok: false; problems: FieldProblem[] };

const namePattern = /^\p{L}[\p{L}\p{M} '.-]*$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

const tidy = (s: unknown): string => (typeof s === 'string' ? s.trim().replace(/\s+/g, ' ') : '');

export function validatePersonInput(input: PersonInput): PersonValidation {
  const problems: FieldProblem[] = [];
  const cpr = validateCpr(typeof input.cpr === 'string' ? input.cpr : '');
  if (!cpr.ok) problems.push({ field: 'cpr', reason: cpr.reason });

  const text = (field: keyof PersonInput, max: number, pattern?: RegExp): string => {
    const raw = input[field];
    const value = tidy(raw);
    if (value === '') problems.push({ field, reason: 'required' });
    else if (value.length > max) problems.push({ field, reason: 'too_long' });
    else if (controlChars.test(String(raw)) || (pattern && !pattern.test(value))) {
      problems.push({ field, reason: 'format' });
    }
    return value;
  };
  const givenName = text('givenName', 50, namePattern);
  const familyName = text('familyName', 40, namePattern);
  const street = text('street', 80);
  const postalCode = text('postalCode', 4, /^\d{4}$/);
  const city = text('city', 40);
  const municipalityCode = text('municipalityCode', 3, /^\d{3}$/);

  if (problems.length > 0 || !cpr.ok) return { ok: false, problems };
  return {
    ok: true,
    person: {
      cpr: cpr.cpr,
      birthDate: cpr.birthDate,
      givenName,
      familyName,
      street,
      postalCode,
      city,
      municipalityCode,
    },
  };
}
