/**
 * The provider's own pages, in the MitID style (the page shell of src/platform/html), Danish and
 * English: the error page (never a stack trace: the OAuth error code and its description, which
 * the library writes for the client's developer), the end-session confirmation and its success
 * page, and the interaction page shown while no login box is mounted.
 */
import { translator } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import { html, type SafeHtml, unsafeRaw } from '../../../platform/html/html.ts';
import { page } from '../../../platform/html/layout.ts';

/** ui_locales first (its first language we have), then the language cookie, then Danish. */
export function langOf(uiLocales: unknown, cookieHeader: string | undefined): Lang {
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(' ')) {
      const base = tag.toLowerCase().split('-')[0];
      if (base === 'da' || base === 'en') return base;
    }
  }
  return /(?:^|;\s*)lang=en(?:;|$)/.test(cookieHeader ?? '') ? 'en' : 'da';
}

const shell = (lang: Lang, title: string, body: SafeHtml, path: string): string =>
  page({ site: 'mitid', lang, title, body, path }).value;

/** The error page: what went wrong for the person, the code for the service. */
export function errorPage(
  lang: Lang,
  out: { error?: unknown; error_description?: unknown },
  path: string,
): string {
  const t = translator(lang);
  const code = typeof out.error === 'string' ? out.error : 'server_error';
  const description = typeof out.error_description === 'string' ? out.error_description : '';
  return shell(
    lang,
    t('oidc.error.title'),
    html`<h1>${t('oidc.error.title')}</h1>
<p>${t('oidc.error.body')}</p>
<p class="oidc-error-code">${t('oidc.error.code', { code })}</p>
${description ? html`<p class="oidc-error-description"><code>${description}</code></p>` : ''}`,
    path,
  );
}

/**
 * The end-session question. `form` is the library's own form (its action and xsrf token), empty;
 * the two buttons submit it, with `logout=yes` to log out.
 */
export function logoutPage(lang: Lang, service: string, form: string, path: string): string {
  const t = translator(lang);
  return shell(
    lang,
    t('oidc.logout.title'),
    html`<h1>${t('oidc.logout.title')}</h1>
<p>${t('oidc.logout.question', { service })}</p>
${unsafeRaw(form)}
<button class="button button-primary" type="submit" form="op.logoutForm" name="logout" value="yes">${t('oidc.logout.yes')}</button>
<button class="button button-secondary" type="submit" form="op.logoutForm">${t('oidc.logout.no')}</button>`,
    path,
  );
}

export function logoutDonePage(lang: Lang, path: string): string {
  const t = translator(lang);
  return shell(
    lang,
    t('oidc.logout.title'),
    html`<h1>${t('oidc.logout.title')}</h1><p>${t('oidc.logout.done')}</p>`,
    path,
  );
}

/** The interaction page while no login box is mounted. */
export function unavailablePage(lang: Lang, path: string): string {
  const t = translator(lang);
  return shell(
    lang,
    t('oidc.unavailable.title'),
    html`<h1>${t('oidc.unavailable.title')}</h1><p>${t('oidc.unavailable.body')}</p>`,
    path,
  );
}
