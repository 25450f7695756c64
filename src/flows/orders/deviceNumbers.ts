/**
 * The number printed on a parcel, drawn from the injected Random (a device's serial comes from the
 * stock, through the SerialSource port).
 * - Tracking number: the UPU S10 form PostNord prints on registered letters, 'RR', 8 digits, the
 *   S10 check digit and 'DK', e.g. RR123456785DK.
 */
import type { Random } from '../../platform/random.ts';
export function newTrackingNumber(random: Random): string {
  const digits = random.digits(8);
  return `RR${digits}${s10CheckDigit(digits)}DK`;
}

/** The S10 check digit of 8 digits: weights 8 6 4 2 3 5 9 7, 11 minus the sum mod 11 (10 → 0, 11 → 5). */
export function s10CheckDigit(digits: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}
