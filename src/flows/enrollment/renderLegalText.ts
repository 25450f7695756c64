/**
 * A legal document as a plain-text file to download: UTF-8, lines wrapped at 76 characters,
 * served as an attachment with an ASCII file name that says what and which version it is.
 */
import type { Lang } from '../../i18n/types.ts';
import type { LegalDocument } from './legalDocument.ts';
import { legalVersionLine } from './legalVersionLine.ts';

const WIDTH = 76;

function wrap(text: string, width = WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function renderLegalText(doc: LegalDocument, lang: Lang): string {
  const title = doc.title[lang];
  const parts = [`${title}\n${'='.repeat([...title].length)}`, legalVersionLine(doc, lang)];
  doc.sections.forEach((section, i) => {
    const heading = `${i + 1}. ${section.heading[lang]}`;
    parts.push(`${heading}\n${'-'.repeat([...heading].length)}`);
    for (const p of section.paragraphs) parts.push(wrap(p[lang]));
  });
  return `${parts.join('\n\n')}\n`;
}

const fileStem: Record<LegalDocument['id'], Record<Lang, string>> = {
  terms: { da: 'mitid-vilkaar-og-betingelser', en: 'mitid-terms-and-conditions' },
  privacy: { da: 'mitid-privatlivspolitik', en: 'mitid-privacy-policy' },
};

export interface LegalDownload {
  filename: string;
  headers: { 'content-type': string; 'content-disposition': string };
  body: string;
}

/** The file and the response headers for "Download vilkår og betingelser for MitID". */
export function legalDownload(doc: LegalDocument, lang: Lang): LegalDownload {
  const filename = `${fileStem[doc.id][lang]}-${doc.version}-${lang}.txt`;
  return {
    filename,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
    body: renderLegalText(doc, lang),
  };
}
