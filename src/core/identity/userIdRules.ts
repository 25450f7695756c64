/**
 * The MitID user-ID rules (domain-facts.md, the guide's "Krav til bruger-ID"). Returns every broken
 * rule, each as its own message id, in this fixed order:
 *
 * - missing: nothing typed (instead of tooShort: "Enter your user ID" is the clearer message)
 * - tooShort / tooLong: 5–48 characters, counted as code points after NFC
 * - invalidCharacters: only a–z, æ ø å (either case), 0–9, the specials {}!#$^,*()_+-=:;?.@ and
 *   space; the text names the offending characters
 * - leadingOrTrailingSpace
 * - looksLikeCpr: a run of 10 digits anywhere, or 6 digits + one of "-", ".", " " + 4 digits
 *   anywhere, with no check that the 6 digits are a date: CPR serials since 2007 need not pass
 *   modulus 11, "310299-1234" looks like a CPR number to anyone reading it over a shoulder, and a
 *   rule without a calendar is the same in the browser and on the server and easy to explain.
 * - isOwnCpr (server only, needs the CPR): the person's CPR number appears once spaces and
 *   specials are removed ("12 34 56 78 90" is caught here even though it does not look like one).
 * - taken is not decided here: uniqueness is the database's unique index on normaliseUserId().
 *
 * The input is NFC-normalised first, so "å" typed as a + combining ring is the letter å. (as are the
 * Angstrom and Kelvin signs: canonically Å and K). NFKC is deliberately not used: it would
 * silently turn compatibility look-alikes (full-width "Ａ", "ﬁ") into letters; those are refused
 * so the person types what they see. No `i` regex flag either: /s/iu also matches "ſ" (long s).
 *
 * src/flows/enrollment/static/userIdRules.js is the browser's copy of the rules up to isOwnCpr;
 * userIdRules.agreement.test.ts proves the two never disagree.
 */
import type { MessageId } from '../../i18n/catalogue.ts';

export const USER_ID_MIN_LENGTH = 5;
export const USER_ID_MAX_LENGTH = 48;

export type UserIdRule =
  | 'missing'
  | 'tooShort'
  | 'tooLong'
  | 'invalidCharacters'
  | 'leadingOrTrailingSpace'
  | 'looksLikeCpr'
  | 'isOwnCpr'
  | 'taken';

export type UserIdProblem =
  | { id: Exclude<`enrollment.userId.${UserIdRule}`, 'enrollment.userId.invalidCharacters'> }
  | { id: 'enrollment.userId.invalidCharacters'; params: { characters: string } };

/** Every problem id is a catalogue id: the compiler refuses this line otherwise. */
type CatalogueId<T extends MessageId> = T;
export type UserIdProblemId = CatalogueId<UserIdProblem['id']>;

const allowed = /^[a-zA-Z0-9æøåÆØÅ{}!#$^,*()_+\-=:;?.@ ]$/;
const tenDigits = /[0-9]{10}/;
const cprShape = /[0-9]{6}[-. ][0-9]{4}/;
const invisible = /^[\p{C}\p{Z}\p{M}]$/u;
const MAX_LISTED = 10;

/** The form in which a user-ID is checked, stored and shown. */
export function canonicalUserId(input: string): string {
  return input.normalize('NFC');
}

/** The key that makes user-IDs unique without regard to case ("JØRGEN" = "jørgen"). */
export function normaliseUserId(input: string): string {
  return input.normalize('NFC').toLowerCase().normalize('NFC');
}

/** "“é”, “ß”, U+00A0": visible characters quoted, invisible ones by code point. */
export function describeCharacters(chars: readonly string[]): string {
  const shown = chars
    .slice(0, MAX_LISTED)
    .map((c) =>
      invisible.test(c)
        ? `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
        : `“${c}”`,
    );
  if (chars.length > MAX_LISTED) shown.push('…');
  return shown.join(', ');
}

export interface UserIdContext {
  /** The person's CPR number (10 digits, no dash), to refuse it in the user-ID. */
  cpr?: string;
}

/** Every rule `input` breaks; an empty list means the user-ID may be used (if not taken). */
export function userIdProblems(input: string, context: UserIdContext = {}): UserIdProblem[] {
  const id = canonicalUserId(input);
  const chars = [...id];
  if (chars.length === 0) return [{ id: 'enrollment.userId.missing' }];
  const problems: UserIdProblem[] = [];
  if (chars.length < USER_ID_MIN_LENGTH) problems.push({ id: 'enrollment.userId.tooShort' });
  if (chars.length > USER_ID_MAX_LENGTH) problems.push({ id: 'enrollment.userId.tooLong' });
  const bad = [...new Set(chars.filter((c) => !allowed.test(c)))];
  if (bad.length > 0) {
    problems.push({
      id: 'enrollment.userId.invalidCharacters',
      params: { characters: describeCharacters(bad) },
    });
  }
  if (id.startsWith(' ') || id.endsWith(' '))
    problems.push({ id: 'enrollment.userId.leadingOrTrailingSpace' });
  if (tenDigits.test(id) || cprShape.test(id)) problems.push({ id: 'enrollment.userId.looksLikeCpr' });
  if (context.cpr && containsCpr(id, context.cpr)) problems.push({ id: 'enrollment.userId.isOwnCpr' });
  return problems;
}

/** Whether the CPR number appears in the user-ID once everything but letters and digits is removed. */
function containsCpr(id: string, cpr: string): boolean {
  const digitsOfCpr = cpr.replace(/[^0-9]/g, '');
  if (digitsOfCpr.length !== 10) return false;
  return id.replace(/[^\p{L}\p{N}]/gu, '').includes(digitsOfCpr);
}

/** True when `input` breaks none of the rules. */
export function isValidUserId(input: string, context: UserIdContext = {}): boolean {
  return userIdProblems(input, context).length === 0;
}
