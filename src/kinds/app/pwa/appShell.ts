/**
 * The app's one document: every screen rendered in the person's language, hidden until the
 * scripts show it, and the texts the scripts fill in at run time as a JSON data block (not a
 * script: CSP allows it, and nothing in it runs). Sized for a phone; DKFDS with the MitID header.
 */
import { catalogue, type MessageId, type T, translator } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import { html, type SafeHtml, unsafeRaw } from '../../../platform/html/html.ts';
import { activationScreens } from './activationScreens.ts';
import { approvalScreens } from './approvalScreens.ts';
import { screen } from './screenParts.ts';
import { settingsScreens } from './settingsScreens.ts';

const sharedIds: MessageId[] = ['common.errorPrefix', 'common.errorSummaryTitle'];

/** The app's texts in one language, as JSON that is safe inside a script element. */
export function appTexts(lang: Lang): string {
  const texts: Record<string, string> = {};
  for (const id of Object.keys(catalogue) as MessageId[]) {
    if (id.startsWith('appUi.') || sharedIds.includes(id)) texts[id] = catalogue[id][lang];
  }
  // "<" escaped, so no text can end the script element.
  return JSON.stringify(texts).replace(/</g, '\\u003c');
}

export function appShell(lang: Lang): SafeHtml {
  const t: T = translator(lang);
  return html`<!doctype html>
<html lang="${lang}" class="site-mitid app-html">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0a3a8c">
<title>${t('appUi.title')}</title>
<link rel="manifest" href="/app/manifest.webmanifest">
<link rel="icon" href="/app/static/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/app/static/icon-192.png">
<link rel="stylesheet" href="/static/dkfds/css/dkfds-borgerdk.min.css">
<link rel="stylesheet" href="/app/static/app.css">
<script type="application/json" id="app-texts">${unsafeRaw(appTexts(lang))}</script>
<script type="module" src="/app/static/main.js"></script>
</head>
<body class="app-body">
<a class="skipnav" href="#main-content">${t('common.skipToContent')}</a>
<header class="app-header">
  <div class="app-header-inner">
    <span class="app-logo">${t('common.mitidSiteName')}</span>
    <button class="app-header-button" type="button" data-action="open-settings" hidden>${t('appUi.settings')}</button>
  </div>
</header>
<main id="main-content" class="app-main" tabindex="-1">
  <noscript><div class="alert alert-error"><div class="alert-body"><p class="alert-text">${t('appUi.noScript')}</p></div></div></noscript>
  <p class="app-status" data-slot="status" role="status" aria-live="polite"></p>
  ${screen('loading', t('appUi.title'), html`<p>${t('appUi.loading')}</p>`, { shown: true })}
  ${activationScreens(t)}
  ${approvalScreens(t)}
  ${settingsScreens(t, lang)}
</main>
<footer class="app-footer"><p>${t('common.demoNotice')}</p></footer>
</body>
</html>`;
}
