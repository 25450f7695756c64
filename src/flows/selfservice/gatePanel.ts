/**
 * The gate on the page of a change (selfservice.md §2.9): no gate yet → the 24-hour text and
 * "Anmod om adgang"; waiting → when it opens, and "Annullér anmodningen"; open → until when (the
 * page then shows the change's form). Each button is a form with its CSRF token.
 */
import type { T } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { csrfField } from '../../platform/html/components.ts';
import { html, type SafeHtml } from '../../platform/html/html.ts';
import { formatOrderDate, formatOrderTime } from '../../platform/time/formatOrderTime.ts';
import type { Gate } from './Gates.ts';
import { BASE } from './SelfserviceContext.ts';
import type { GateAction } from './tables.ts';

const when = (lang: Lang, at: number): string =>
  `${formatOrderDate(lang, at)} ${lang === 'da' ? 'kl.' : 'at'} ${formatOrderTime(lang, at)}`;

export function gatePanel(
  t: T,
  lang: Lang,
  csrf: string,
  action: GateAction,
  gate: Gate | undefined,
): SafeHtml {
  if (!gate || gate.state === 'expired' || gate.state === 'used' || gate.state === 'cancelled') {
    return html`<p>${t('selfservice.gate.none')}</p>
<form method="post" action="${BASE}/adgang">${csrfField(csrf)}<input type="hidden" name="action" value="${action}">
  <button class="button button-primary" type="submit">${t('selfservice.gate.request')}</button>
</form>`;
  }
  const cancel = html`<form method="post" action="${BASE}/adgang/annuller">${csrfField(csrf)}<input type="hidden" name="gate" value="${gate.id}">
  <button class="button button-secondary" type="submit">${t('selfservice.gate.cancel')}</button>
</form>`;
  if (gate.state === 'waiting') {
    return html`<div class="alert alert-info"><div class="alert-body"><p class="alert-text">${t('selfservice.gate.waiting', { opens: when(lang, gate.opensAt) })}</p></div></div>
${cancel}`;
  }
  return html`<div class="alert alert-success"><div class="alert-body"><p class="alert-text">${t('selfservice.gate.open', { expires: when(lang, gate.expiresAt) })}</p></div></div>`;
}

/** Where each action's page is. */
export const GATE_PAGE: Record<GateAction, string> = {
  addChip: `${BASE}/chip/tilfoej`,
  changePassword: `${BASE}/adgangskode`,
};
