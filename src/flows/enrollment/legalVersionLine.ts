import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import type { LegalDocument } from './legalDocument.ts';

const dateFormat: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "Version 2026-1, gældende fra 1. januar 2026". */
export function legalVersionLine(doc: LegalDocument, lang: Lang): string {
  const date = dateFormat[lang].format(new Date(`${doc.effectiveFrom}T00:00:00Z`));
  return t(lang, 'enrollment.terms.version', { version: doc.version, date });
}
