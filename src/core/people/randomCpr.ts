/**
 * A random, valid CPR number for demo and test people. The serial's first digit is chosen so
 * that validateCpr reads the intended century back.
 */
import type { Random } from '../../platform/random.ts';
import { isRealDate } from './validateCpr.ts';

export interface RandomCprOptions {
  /** Earliest birth year (inclusive); default 1940. */
  fromYear?: number;
  /** Latest birth year (inclusive); default 2005. Supported range: 1858–2057. */
  toYear?: number;
}

/** First serial digits that give `year` for its two-digit form (see validateCpr). */
export function seventhDigitsFor(year: number): number[] {
  const yy = year % 100;
  if (year >= 1858 && year <= 1899) return [5, 6, 7, 8];
  if (year >= 1900 && year <= 1999) return yy > 36 ? [0, 1, 2, 3, 4, 9] : [0, 1, 2, 3];
  if (year >= 2000 && year <= 2036) return [4, 5, 6, 7, 8, 9];
  if (year >= 2037 && year <= 2057) return [5, 6, 7, 8];
  return [];
}

export function randomCpr(random: Random, opts: RandomCprOptions = {}): string {
  const fromYear = opts.fromYear ?? 1940;
  const toYear = opts.toYear ?? 2005;
  if (fromYear < 1858 || toYear > 2057 || fromYear > toYear) {
    throw new RangeError('randomCpr: birth years must lie within 1858–2057');
  }
  const year = random.int(fromYear, toYear + 1);
  const month = random.int(1, 13);
  let day = random.int(1, 32);
  while (!isRealDate(year, month, day)) day -= 1;
  const digits = seventhDigitsFor(year);
  const seventh = digits[random.int(0, digits.length)] ?? 0;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(day)}${pad(month)}${pad(year % 100)}${seventh}${random.digits(3)}`;
}
