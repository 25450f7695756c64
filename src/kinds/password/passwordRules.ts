/**
 * The MitID password rules (decision 0014 §2, domain-facts.md, the guide's "Opret din MitID
 * adgangskode"). Returns every broken rule, each as its own message id, in this fixed order:
 *
 * - missing: nothing typed
 * - tooShort / tooLong: 8–64 characters, counted as code points after NFC
 * - containsUserId: the user-ID appears in it, without regard to case
 * - tenDigits: 10 digits in a row anywhere (a CPR number, a phone number with prefix)
 * - commonWord: "password" or "adgangskode" in any case, alone or with only digits and specials
 *   around it ("Password123!", "!!adgangskode"): a word with letters around it ("mitpassword­hus")
 *   is a passphrase, not the word
 * - keyboardRow: a run of 8 keys of one row of a Danish keyboard, forwards or backwards
 *   ("qwertyui", "asdfghjk", "12345678", "87654321"); the bottom letter row has 7 keys, so
 *   "zxcvbnm" whole is the run there
 *
 * Lower-casing is String.prototype.toLowerCase (locale-free), the same in every browser and Node.
 * static/passwordRules.js is the browser's copy; passwordRules.agreement.test.ts proves the two
 * never disagree. The server checks again whatever the browser said.
 */
import type { MessageId } from '../../i18n/catalogue.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

export const PASSWORD_RULES = [
  'missing',
  'tooShort',
  'tooLong',
  'containsUserId',
  'tenDigits',
  'commonWord',
  'keyboardRow',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];
export type PasswordProblem = `password.rule.${PasswordRule}` & MessageId;

const tenDigits = /[0-9]{10}/;
const commonWord = /^[^\p{L}]*(?:password|adgangskode)[^\p{L}]*$/u;
const ROWS = ['1234567890', 'qwertyuiopå', 'asdfghjklæø', 'zxcvbnm'];
const RUN = 8;

/** Every run of keys that the keyboardRow rule refuses, lower case, both directions. */
const keyboardRuns: readonly string[] = ROWS.flatMap((row) => {
  const keys = [...row];
  const n = Math.min(RUN, keys.length);
  const runs: string[] = [];
  for (let i = 0; i + n <= keys.length; i++) {
    const run = keys.slice(i, i + n);
    runs.push(run.join(''), [...run].reverse().join(''));
  }
  return runs;
});

/** The rules `password` breaks for the person with `userId` (empty: none broken). */
export function passwordProblems(password: string, userId: string): PasswordProblem[] {
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length === 0) return ['password.rule.missing'];
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('password.rule.tooShort');
  if (length > PASSWORD_MAX_LENGTH) problems.push('password.rule.tooLong');
  const lower = pw.toLowerCase();
  const id = userId.normalize('NFC').toLowerCase();
  if (id !== '' && lower.includes(id)) problems.push('password.rule.containsUserId');
  if (tenDigits.test(pw)) problems.push('password.rule.tenDigits');
  if (commonWord.test(lower)) problems.push('password.rule.commonWord');
  if (keyboardRuns.some((run) => lower.includes(run))) problems.push('password.rule.keyboardRow');
  return problems;
}
