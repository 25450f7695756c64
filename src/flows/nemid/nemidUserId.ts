/**
 * NemID user-ID rules (our choice, written down in docs/protocols/nemid.md terms):
 * - either the person's own CPR number (some people's NemID user-ID was their CPR number; typed
 *   with or without the dash, stored as 10 digits), or
 * - an alias of 6–20 characters: letters a–z, æ, ø, å, digits and . _ - with at least one letter,
 *   no run of 10 digits and no DDMMYY-SSSS shape. Every such alias is also a valid MitID user-ID
 *   (5–48 characters of a wider set), so MitID can reserve it for its owner.
 * User-IDs are unique and matched without regard to case: `user_id_norm` is the lower-cased form.
 */

export type UserIdReason = 'required' | 'too_long' | 'too_short' | 'format' | 'not_own_cpr';

export type UserIdResult = { ok: true; userId: string; norm: string } | { ok: false; reason: UserIdReason };

const cprShape = /^(\d{6})-?(\d{4})$/;
const aliasChars = /^[a-zæøå0-9._-]+$/;

/** The lookup key of a typed user-ID: trimmed, lower-cased, a CPR number without its dash. */
export function normaliseUserId(raw: string): string {
  const lower = raw.trim().toLowerCase();
  const cpr = cprShape.exec(lower);
  return cpr ? `${cpr[1]}${cpr[2]}` : lower;
}

function aliasReason(norm: string): UserIdReason | undefined {
  if (norm.length < 6) return 'too_short';
  if (norm.length > 20) return 'too_long';
  if (!aliasChars.test(norm) || !/[a-zæøå]/.test(norm)) return 'format';
  if (/\d{10}/.test(norm) || /\d{6}-\d{4}/.test(norm)) return 'format';
  return undefined;
}

/** Whether a typed user-ID could be a NemID user-ID at all (login form check; says nothing about existence). */
export function isNemidUserIdShape(raw: string): boolean {
  const norm = normaliseUserId(raw);
  return /^\d{10}$/.test(norm) || aliasReason(norm) === undefined;
}

/** Validates a new user-ID for the person with CPR number `cpr` (10 digits). */
export function validateNemidUserId(raw: string, cpr: string): UserIdResult {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  if (trimmed === '') return { ok: false, reason: 'required' };
  const norm = normaliseUserId(trimmed);
  if (/^\d{10}$/.test(norm))
    return norm === cpr ? { ok: true, userId: norm, norm } : { ok: false, reason: 'not_own_cpr' };
  const reason = aliasReason(norm);
  return reason ? { ok: false, reason } : { ok: true, userId: trimmed, norm };
}
