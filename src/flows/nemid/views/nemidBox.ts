/** The frame of every NemID login page: the old NemID box with the service's name on top. */
import type { T } from '../../../i18n/catalogue.ts';
import { errorSummary, type FieldError } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';

export function nemidBox(
  t: T,
  clientName: string,
  errors: readonly FieldError[],
  content: SafeHtml,
): SafeHtml {
  return html`<h1 class="sr-only">${t('nemid.pageTitle')}</h1>
<section class="nemid-box" aria-labelledby="nemid-box-title">
  <h2 class="nemid-box-title" id="nemid-box-title">${t('nemid.boxTitle')}</h2>
  <p>${t('nemid.loginAt', { client: clientName })}</p>
  ${errorSummary(t, errors)}
  ${content}
</section>`;
}

/** "Afbryd": ends the flow and sends the person back to the service. */
export function cancelForm(t: T, action: string, csrf: string): SafeHtml {
  return html`<form method="post" action="${action}">
  <input type="hidden" name="_csrf" value="${csrf}">
  <input type="hidden" name="step" value="cancel">
  <button class="button button-tertiary" type="submit">${t('nemid.cancel')}</button>
</form>`;
}
