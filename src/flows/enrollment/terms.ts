/**
 * The published versions of the MitID terms and privacy policy, and which ones apply now.
 * An acceptance is stored as (document id, version, time); findLegalDocument gives back the exact
 * text a person accepted, however many versions have followed.
 */
import { privacy2026_1 } from './legal/privacy2026_1.ts';
import { terms2026_1 } from './legal/terms2026_1.ts';
import type { LegalDocument, LegalDocumentId } from './legalDocument.ts';

/** Every published version, oldest first. Append; never remove or edit. */
export const publishedLegalDocuments: readonly LegalDocument[] = [terms2026_1, privacy2026_1];

export interface CurrentLegalDocuments {
  terms: LegalDocument;
  privacy: LegalDocument;
}

/** The version of `id` in force at `now`: the newest with effectiveFrom on or before that day. */
export function currentLegalDocument(id: LegalDocumentId, now: Date): LegalDocument {
  const day = now.toISOString().slice(0, 10);
  let current: LegalDocument | undefined;
  for (const doc of publishedLegalDocuments) {
    if (
      doc.id === id &&
      doc.effectiveFrom <= day &&
      (!current || doc.effectiveFrom >= current.effectiveFrom)
    ) {
      current = doc;
    }
  }
  if (!current) throw new Error(`No version of ${id} is in force on ${day}`);
  return current;
}

/** The terms and the privacy policy a person accepts at `now`. */
export function currentLegalDocuments(now: Date): CurrentLegalDocuments {
  return { terms: currentLegalDocument('terms', now), privacy: currentLegalDocument('privacy', now) };
}

/** A published version by id and version (e.g. from a download link or a stored acceptance). */
export function findLegalDocument(id: string, version: string): LegalDocument | undefined {
  return publishedLegalDocuments.find((d) => d.id === id && d.version === version);
}
