/** A login that cannot continue (failed) or has already finished (done), with a way back. */
import type { MessageId, T } from '../../../i18n/catalogue.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';

export interface FlowEndPageInput {
  t: T;
  kind: 'failed' | 'done';
  message: MessageId;
  clientName: string;
  backHref: string;
}

export function flowEndPage(p: FlowEndPageInput): SafeHtml {
  const { t } = p;
  const title = p.kind === 'failed' ? t('nemid.failed.title') : t('nemid.done.title');
  const alert = p.kind === 'failed' ? 'alert-error' : 'alert-success';
  return html`<section class="nemid-box" aria-labelledby="nemid-end-title">
  <h1 class="nemid-box-title" id="nemid-end-title">${title}</h1>
  <div class="alert ${alert}" role="${p.kind === 'failed' ? 'alert' : 'status'}">
    <div class="alert-body"><p class="alert-text">${t(p.message, { client: p.clientName })}</p></div>
  </div>
  <p><a class="button button-primary" href="${p.backHref}">${t('nemid.backTo', { client: p.clientName })}</a></p>
</section>`;
}
