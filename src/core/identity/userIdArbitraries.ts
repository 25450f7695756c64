/** fast-check generators of user-IDs, shared by the user-ID tests (not shipped code). */
import fc from 'fast-check';

export const allowedChars = [
  ...'abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789',
  ...'{}!#$^,*()_+-=:;?.@ ',
];
const allowedSet = new Set(allowedChars);
const looksLikeCpr = (s: string): boolean => /[0-9]{10}/.test(s) || /[0-9]{6}[-. ][0-9]{4}/.test(s);

export const allowedChar = fc.constantFrom(...allowedChars);
export const digit = fc.constantFrom(...'0123456789');
export const notSpace = fc.constantFrom(...allowedChars.filter((c) => c !== ' '));

/** A user-ID that breaks no rule. */
export const validUserId = fc
  .tuple(notSpace, fc.string({ unit: allowedChar, minLength: 3, maxLength: 46 }), notSpace)
  .map(([a, middle, b]) => a + middle + b)
  .filter((s) => !looksLikeCpr(s));

/**
 * A single code point that is not allowed and cannot turn into an allowed letter by NFC
 * composition with its neighbour (combining marks are left out: "a" + U+030A is "å").
 */
export const forbiddenChar = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .filter((c) => !allowedSet.has(c.normalize('NFC')) && !/\p{M}/u.test(c));

/** Text of allowed characters (any length), with digits and CPR separators over-represented. */
export const allowedText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(allowedChar, digit, digit, fc.constantFrom('-', '.', ' ')),
    maxLength,
  });

/** Any text at all: every code point, look-alikes, CPR-ish digit runs and allowed characters. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  allowedText(),
  fc.string({
    unit: fc.oneof(
      allowedChar,
      digit,
      fc.constantFrom('\u212A', '\u017F', '\u00A0', '\u200B', 'a\u030A', 'A\u030A', '\u212B', 'é', 'ß', '\t'),
    ),
    maxLength: 60,
  }),
);
