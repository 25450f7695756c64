import type { Lang } from '../../i18n/types.ts';

const money = {
  da: new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'DKK' }),
};

/** Amount in øre as "12.345,67 kr." (Danish) or "DKK 12,345.67" (English). */
export function formatMoney(ore: number, lang: Lang): string {
  return money[lang].format(ore / 100);
}

/** Whole days left until `deadline`, rounded up; 0 when passed. */
export function daysLeft(now: number, deadline: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 86_400_000));
}
