// The MitID password rules in the browser, for feedback while the person types. Plain JS, no
// build step, served as a static module under script-src 'self' (registerPasswordStatic.ts). It
// mirrors src/kinds/password/passwordRules.ts rule for rule; passwordRules.agreement.test.ts runs
// both on the same texts so they cannot drift. The server checks everything again.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

const tenDigits = /[0-9]{10}/;
const commonWord = /^[^\p{L}]*(?:password|adgangskode)[^\p{L}]*$/u;
const ROWS = ['1234567890', 'qwertyuiopå', 'asdfghjklæø', 'zxcvbnm'];
const RUN = 8;

const keyboardRuns = ROWS.flatMap((row) => {
  const keys = [...row];
  const n = Math.min(RUN, keys.length);
  const runs = [];
  for (let i = 0; i + n <= keys.length; i++) {
    const run = keys.slice(i, i + n);
    runs.push(run.join(''), [...run].reverse().join(''));
  }
  return runs;
});

/**
 * Every rule `password` breaks, as message ids (same ids and order as the server).
 * @param {string} password
 * @param {string} userId
 * @returns {string[]}
 */
export function passwordProblems(password, userId) {
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length === 0) return ['password.rule.missing'];
  const problems = [];
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
