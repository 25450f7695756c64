/**
 * A legal document (the terms and conditions, the privacy policy) in one published version.
 * Paragraphs pair Danish and English, so the two languages cannot differ in structure.
 * A published version is a record of what people accepted: it is never edited, only followed
 * by a new version (terms.test.ts holds a fingerprint of each one).
 */
import type { Text } from '../../i18n/types.ts';

export type LegalDocumentId = 'terms' | 'privacy';

export interface LegalSection {
  heading: Text;
  paragraphs: readonly Text[];
}

export interface LegalDocument {
  id: LegalDocumentId;
  /** Year and number within the year, e.g. '2026-1'. */
  version: string;
  /** The day (ISO, UTC) from which this version applies to new acceptances. */
  effectiveFrom: string;
  title: Text;
  sections: readonly LegalSection[];
}
