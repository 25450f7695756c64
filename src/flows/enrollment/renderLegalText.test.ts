import assert from 'node:assert/strict';
import { test } from 'node:test';
import { legalDownload, renderLegalText } from './renderLegalText.ts';
import { currentLegalDocuments } from './terms.ts';

const { terms, privacy } = currentLegalDocuments(new Date('2026-11-24T09:00:00Z'));

test('the plain text starts with title and version, and holds every paragraph', () => {
  const text = renderLegalText(terms, 'da');
  assert.ok(text.startsWith('Vilkår og betingelser for MitID\n===============================\n\n'));
  assert.ok(text.includes('Version 2026-1, gældende fra 1. januar 2026'));
  assert.ok(text.includes('1. Om vilkårene\n---------------'));
  const flat = text.replace(/\s+/g, ' ');
  for (const s of terms.sections)
    for (const p of s.paragraphs) assert.ok(flat.includes(p.da), p.da.slice(0, 40));
  assert.ok(renderLegalText(terms, 'en').includes('Version 2026-1, in force from 1 January 2026'));
  assert.ok(text.endsWith('\n'));
});

test('lines are wrapped at 76 characters', () => {
  for (const doc of [terms, privacy]) {
    for (const lang of ['da', 'en'] as const) {
      for (const line of renderLegalText(doc, lang).split('\n')) assert.ok([...line].length <= 76, line);
    }
  }
});

test('the download is an attachment with an ASCII name giving document, version and language', () => {
  const d = legalDownload(terms, 'da');
  assert.equal(d.filename, 'mitid-vilkaar-og-betingelser-2026-1-da.txt');
  assert.deepEqual(d.headers, {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': 'attachment; filename="mitid-vilkaar-og-betingelser-2026-1-da.txt"',
  });
  assert.equal(d.body, renderLegalText(terms, 'da'));
  assert.equal(legalDownload(privacy, 'en').filename, 'mitid-privacy-policy-2026-1-en.txt');
  assert.match(
    legalDownload(privacy, 'da').headers['content-disposition'],
    /^attachment; filename="[\x20-\x7e]+"$/,
  );
});
