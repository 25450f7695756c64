/**
 * A NemID key card: a card number like "123-456-789" and numbered one-time codes. Each key
 * number (4 digits) appears once on a card; codes are 6 random digits. Randomness is injected.
 */
import type { Random } from '../../platform/random.ts';
import { nemidPolicy } from './nemidPolicy.ts';

export interface KeyCode {
  keyNo: string;
  code: string;
}

export interface GeneratedKeyCard {
  id: string;
  cardNumber: string;
  /** Sorted by key number, as printed on the card. */
  codes: KeyCode[];
}

export function formatCardNumber(nineDigits: string): string {
  return `${nineDigits.slice(0, 3)}-${nineDigits.slice(3, 6)}-${nineDigits.slice(6, 9)}`;
}

export function generateKeyCard(random: Random, count: number = nemidPolicy.codesPerCard): GeneratedKeyCard {
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new RangeError('A key card has 1–1000 codes');
  const codes = new Map<string, string>();
  while (codes.size < count) {
    const keyNo = random.digits(4);
    if (!codes.has(keyNo)) codes.set(keyNo, random.digits(6));
  }
  return {
    id: random.token(16),
    cardNumber: formatCardNumber(random.digits(9)),
    codes: [...codes]
      .map(([keyNo, code]) => ({ keyNo, code }))
      .sort((a, b) => a.keyNo.localeCompare(b.keyNo)),
  };
}
