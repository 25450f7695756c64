// The user-ID rules in the browser, for feedback while the person types. Plain JS, no build step,
// served as a static module under script-src 'self'. It mirrors src/core/identity/userIdRules.ts up
// to isOwnCpr (the page never holds the CPR number) and taken (only the server knows);
// userIdRules.agreement.test.ts runs the same properties against both so they cannot drift.
// The server checks everything again: this file only helps.

export const USER_ID_MIN_LENGTH = 5;
export const USER_ID_MAX_LENGTH = 48;

const allowed = /^[a-zA-Z0-9æøåÆØÅ{}!#$^,*()_+\-=:;?.@ ]$/;
const tenDigits = /[0-9]{10}/;
const cprShape = /[0-9]{6}[-. ][0-9]{4}/;
const invisible = /^[\p{C}\p{Z}\p{M}]$/u;
const MAX_LISTED = 10;

/** @param {string[]} chars */
export function describeCharacters(chars) {
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

/**
 * Every rule `input` breaks, as message ids (same ids and order as the server).
 * @param {string} input
 */
export function userIdProblems(input) {
  const id = input.normalize('NFC');
  const chars = [...id];
  if (chars.length === 0) return [{ id: 'enrollment.userId.missing' }];
  const problems = [];
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
  return problems;
}
