/**
 * The page shell. MitID pages use DKFDS's borger.dk theme; Min Bank uses the plain DKFDS theme with
 * its own colours and header, so the two look like different sites (as a bank and MitID do). Borger,
 * the second demo service, has a plain DKFDS look of its own (a municipal self-service site).
 */
import { type MessageId, type T, translator } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { html, type SafeHtml } from './html.ts';

export type Site = 'mitid' | 'bank' | 'borger';

export interface PageInput {
  site: Site;
  lang: Lang;
  /** The page's title (also its h1 unless the body has its own). */
  title: string;
  body: SafeHtml;
  /** Path of this page with its query, for the language switch. */
  path: string;
  /** Extra header content, e.g. the logged-in person and a log-out button. */
  headerExtra?: SafeHtml;
}

const stylesheets: Record<Site, string[]> = {
  mitid: ['/static/dkfds/css/dkfds-borgerdk.min.css', '/static/site/shell.css', '/static/site/mitid.css'],
  bank: ['/static/dkfds/css/dkfds.min.css', '/static/site/shell.css', '/static/site/bank.css'],
  borger: ['/static/dkfds/css/dkfds.min.css', '/static/site/shell.css', '/static/site/borger.css'],
};

/** Each site's name (header, title) and footer text. */
const siteTexts: Record<Site, { name: MessageId; footer: MessageId }> = {
  mitid: { name: 'common.mitidSiteName', footer: 'common.mitidFooter' },
  bank: { name: 'common.bankSiteName', footer: 'common.bankFooter' },
  borger: { name: 'borger.siteName', footer: 'borger.footer' },
};

/** The same path with `lang` switched to the other language (other query parameters kept). */
export function switchLangHref(path: string, to: Lang): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', to);
  return `${url.pathname}${url.search}`;
}

export function page(input: PageInput): SafeHtml {
  const t: T = translator(input.lang);
  const other: Lang = input.lang === 'da' ? 'en' : 'da';
  const siteName = t(siteTexts[input.site].name);
  return html`<!doctype html>
<html lang="${input.lang}" class="site-${input.site}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} – ${siteName}</title>
${stylesheets[input.site].map((href) => html`<link rel="stylesheet" href="${href}">`)}
<link rel="icon" href="/static/site/${input.site}-icon.svg" type="image/svg+xml">
</head>
<body>
<a class="skipnav" href="#main-content">${t('common.skipToContent')}</a>
<header class="site-header">
  <div class="container site-header-inner">
    <a class="site-logo" href="/">${siteName}</a>
    <nav class="site-header-nav" aria-label="${t('common.languageSwitchLabel')}">
      <a href="${switchLangHref(input.path, other)}" lang="${other}" hreflang="${other}">${t('common.languageSwitch')}</a>
      ${input.headerExtra}
    </nav>
  </div>
</header>
<main id="main-content" class="container site-main" tabindex="-1">
${input.body}
</main>
<footer class="site-footer">
  <div class="container">
    <p>${t(siteTexts[input.site].footer)}</p>
    <p class="site-demo-notice">${t('common.demoNotice')}</p>
  </div>
</footer>
</body>
</html>`;
}
