/**
 * Dates and times in letters, in Copenhagen time: "tirsdag den 8. december 2026" and "09.30" in
 * Danish, "Tuesday 8 December 2026" and "09:30" in English.
 */
import type { Lang } from '../../i18n/types.ts';
import { COPENHAGEN } from './copenhagenTime.ts';

const locales: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

const dateFormats = {
  da: new Intl.DateTimeFormat(locales.da, { timeZone: COPENHAGEN, dateStyle: 'full' }),
  en: new Intl.DateTimeFormat(locales.en, { timeZone: COPENHAGEN, dateStyle: 'full' }),
};

const timeFormats = {
  da: new Intl.DateTimeFormat(locales.da, { timeZone: COPENHAGEN, hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat(locales.en, { timeZone: COPENHAGEN, hour: '2-digit', minute: '2-digit' }),
};

export function formatOrderDate(lang: Lang, epoch: number): string {
  return dateFormats[lang].format(epoch);
}

export function formatOrderTime(lang: Lang, epoch: number): string {
  return timeFormats[lang].format(epoch);
}
