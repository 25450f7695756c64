import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { languages } from '../../i18n/types.ts';
import {
  currentLegalDocument,
  currentLegalDocuments,
  findLegalDocument,
  publishedLegalDocuments,
} from './terms.ts';

const now = new Date('2026-11-24T09:00:00Z');

test('the current terms and privacy policy are version 2026-1', () => {
  const current = currentLegalDocuments(now);
  assert.equal(current.terms.id, 'terms');
  assert.equal(current.terms.version, '2026-1');
  assert.equal(current.privacy.id, 'privacy');
  assert.equal(current.privacy.version, '2026-1');
  assert.equal(currentLegalDocument('terms', new Date('2026-01-01T00:00:00Z')).version, '2026-1');
  assert.throws(() => currentLegalDocument('terms', new Date('2025-12-31T23:59:59Z')), /No version of terms/);
});

test('a stored acceptance finds its exact version again', () => {
  assert.equal(findLegalDocument('terms', '2026-1'), currentLegalDocuments(now).terms);
  assert.equal(findLegalDocument('terms', '2025-9'), undefined);
  assert.equal(findLegalDocument('__proto__', '2026-1'), undefined);
});

test('versions are unique, well-formed, and every paragraph has both languages', () => {
  const keys = publishedLegalDocuments.map((d) => `${d.id}@${d.version}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const doc of publishedLegalDocuments) {
    assert.match(doc.version, /^\d{4}-\d+$/);
    assert.match(doc.effectiveFrom, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(doc.sections.length > 0);
    for (const text of [doc.title, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs])]) {
      for (const lang of languages)
        assert.ok(text[lang].trim().length > 0, `${doc.id} ${doc.version} ${lang}`);
    }
  }
});

test('the terms state what the guide stresses, in both languages', () => {
  const terms = currentLegalDocuments(now).terms;
  const all = (lang: 'da' | 'en'): string =>
    terms.sections.flatMap((s) => s.paragraphs.map((p) => p[lang])).join(' ');
  for (const phrase of [
    'fysiske underskrift',
    'aldrig vise eller fortælle dine koder',
    'straks spærre',
    'bruger-ID',
  ]) {
    assert.ok(all('da').includes(phrase), phrase);
  }
  for (const phrase of [
    'physical signature',
    'Never show or tell your codes',
    'block your MitID',
    'user ID',
  ]) {
    assert.ok(all('en').includes(phrase), phrase);
  }
});

/**
 * A published version is what people accepted: its text must never change. If this fails, undo
 * the edit and publish a new version (e.g. 2026-2) instead; add its fingerprint here.
 */
const fingerprints: Record<string, string> = {
  'terms@2026-1': '96866ded9f03f47741808de1d20c1a33cf89b6ae9a96ee9386822ef70c5281f7',
  'privacy@2026-1': '610b5742067107a61483ca56af763495811f8bf27b2a02281b392c8956fdca87',
};

test('published versions never change', () => {
  for (const doc of publishedLegalDocuments) {
    const key = `${doc.id}@${doc.version}`;
    const digest = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
    assert.equal(digest, fingerprints[key], `${key} was edited after publication`);
  }
});
