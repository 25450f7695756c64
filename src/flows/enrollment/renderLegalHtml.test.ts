import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { LegalDocument } from './legalDocument.ts';
import { renderLegalHtml } from './renderLegalHtml.ts';
import { currentLegalDocuments } from './terms.ts';

const { terms } = currentLegalDocuments(new Date('2026-11-24T09:00:00Z'));

test('the HTML has the title, version line, numbered sections and the print stylesheet', () => {
  const out = String(renderLegalHtml(terms, 'da'));
  assert.match(out, /<link rel="stylesheet" href="\/static\/enrollment\/print.css" media="print">/);
  assert.match(out, /<article class="legal-document" lang="da" aria-labelledby="terms-2026-1-title">/);
  assert.match(out, /<h1 id="terms-2026-1-title">Vilkår og betingelser for MitID<\/h1>/);
  assert.match(out, /<p class="legal-version">Version 2026-1, gældende fra 1. januar 2026<\/p>/);
  assert.match(out, /<h2 id="terms-2026-1-s3">3. Din godkendelse svarer til din underskrift<\/h2>/);
  assert.equal(out.match(/<section /g)?.length, terms.sections.length);
});

test('under a page heading the document starts at h2', () => {
  const out = String(renderLegalHtml(terms, 'en', { headingLevel: 2 }));
  assert.match(out, /<h2 id="terms-2026-1-title">MitID terms and conditions<\/h2>/);
  assert.match(out, /<h3 id="terms-2026-1-s1">1. About these terms<\/h3>/);
});

test('document text is escaped', () => {
  const evil: LegalDocument = {
    ...terms,
    title: { da: '<script>x</script>', en: 'x' },
    sections: [{ heading: { da: 'a & b', en: 'a' }, paragraphs: [{ da: '"><img src=x>', en: 'x' }] }],
  };
  const out = String(renderLegalHtml(evil, 'da'));
  assert.ok(!out.includes('<script>') && !out.includes('<img'));
  assert.ok(out.includes('&lt;script&gt;') && out.includes('a &amp; b'));
});

test('the print stylesheet hides the site around the document', () => {
  const css = readFileSync(new URL('./static/print.css', import.meta.url), 'utf8');
  for (const selector of ['.site-header', '.site-footer', '.skipnav', '[data-print]']) {
    assert.ok(css.includes(selector), selector);
  }
});
