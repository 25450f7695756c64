/**
 * NemID password rules for new credentials (as NemID had them): 6–40 characters with at least one
 * letter and one digit; no control characters; must not contain the user-ID or the CPR number.
 * At login no rule is applied beyond a length cap: a password that breaks a rule is just wrong.
 */

export type PasswordReason =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'format'
  | 'contains_user_id'
  | 'contains_cpr';

export function nemidPasswordProblem(
  password: string,
  userId: string,
  cpr: string,
): PasswordReason | undefined {
  if (typeof password !== 'string' || password === '') return 'required';
  const chars = [...password];
  if (chars.length < 6) return 'too_short';
  if (chars.length > 40) return 'too_long';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters
  if (/[\u0000-\u001f\u007f-\u009f]/.test(password)) return 'format';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'format';
  const lower = password.toLowerCase();
  if (userId && lower.includes(userId.trim().toLowerCase())) return 'contains_user_id';
  if (cpr && password.replace(/\D/g, '').includes(cpr)) return 'contains_cpr';
  return undefined;
}
