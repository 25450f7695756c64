/**
 * CPR number validation. Rules enforced:
 * - "DDMMYYSSSS" or "DDMMYY-SSSS" (surrounding spaces are ignored, nothing else is);
 * - the date must exist, with the century read from the 7th digit (the first serial digit):
 *   0–3 → 1900s; 4 or 9 → 2000s if YY ≤ 36, else 1900s; 5–8 → 2000s if YY ≤ 57, else 1800s.
 *
 * No modulus-11 check: CPR has issued numbers that fail it since 1 October 2007 (the series ran
 * out for some birth dates), so a modulus-11 check would reject real people.
 */

export type CprReason = 'required' | 'format' | 'date';

export type CprResult = { ok: true; cpr: string; birthDate: string } | { ok: false; reason: CprReason };

const shape = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/** The full birth year from the two-digit year and the 7th digit of a CPR number. */
export function cprBirthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function validateCpr(input: string): CprResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'required' };
  const m = shape.exec(trimmed);
  if (!m) return { ok: false, reason: 'format' };
  const [, dd = '', mm = '', yy = '', serial = ''] = m;
  const year = cprBirthYear(Number(yy), Number(serial[0]));
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, reason: 'date' };
  return {
    ok: true,
    cpr: `${dd}${mm}${yy}${serial}`,
    birthDate: `${String(year).padStart(4, '0')}-${mm}-${dd}`,
  };
}
