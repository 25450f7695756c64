import type { Lang } from '../../i18n/types.ts';

/** A CPR number with only its birth-date part shown: "010190-****". */
export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-****`;
}

const dates = {
  da: new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "1. januar 1990" / "1 January 1990" from YYYY-MM-DD. */
export function formatBirthdate(isoDate: string, lang: Lang): string {
  return dates[lang].format(new Date(`${isoDate}T00:00:00Z`));
}

/** Whole years from YYYY-MM-DD to `now` (the broker's `age` is used when it gives one). */
export function ageAt(isoDate: string, now: Date): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
  return age;
}
