/**
 * A legal document as HTML for reading on the page and for printing. The print stylesheet
 * (static/print.css, media="print") hides the site's header, footer and buttons so a printout
 * holds just the document, its version and its date. A <link rel=stylesheet> may sit in <body>,
 * so the fragment brings its own print styles wherever it is placed.
 */
import type { Lang } from '../../i18n/types.ts';
import { html, type SafeHtml } from '../../platform/html/html.ts';
import type { LegalDocument } from './legalDocument.ts';
import { legalVersionLine } from './legalVersionLine.ts';

/** Where the service serves src/flows/enrollment/static/ (the route wiring mounts it there). */
export const enrollmentStaticPrefix = '/static/enrollment/';

export interface LegalHtmlOptions {
  /** 1 when the document is the page; 2 when it sits under the page's own h1. */
  headingLevel?: 1 | 2;
}

export function renderLegalHtml(doc: LegalDocument, lang: Lang, opts: LegalHtmlOptions = {}): SafeHtml {
  const top = opts.headingLevel ?? 1;
  const h = (level: number, id: string, text: string): SafeHtml =>
    level === 1
      ? html`<h1 id="${id}">${text}</h1>`
      : level === 2
        ? html`<h2 id="${id}">${text}</h2>`
        : html`<h3 id="${id}">${text}</h3>`;
  const base = `${doc.id}-${doc.version}`;
  return html`<link rel="stylesheet" href="${enrollmentStaticPrefix}print.css" media="print">
<article class="legal-document" lang="${lang}" aria-labelledby="${base}-title">
  ${h(top, `${base}-title`, doc.title[lang])}
  <p class="legal-version">${legalVersionLine(doc, lang)}</p>
  ${doc.sections.map(
    (s, i) => html`<section aria-labelledby="${base}-s${i + 1}">
    ${h(top + 1, `${base}-s${i + 1}`, `${i + 1}. ${s.heading[lang]}`)}
    ${s.paragraphs.map((p) => html`<p>${p[lang]}</p>`)}
  </section>`,
  )}
</article>`;
}
