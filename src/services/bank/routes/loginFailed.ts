import type { FastifyReply } from 'fastify';
import type { MessageId, T } from '../../../i18n/catalogue.ts';
import { html } from '../../../platform/html/html.ts';

/** The page of a login that did not give a session: what happened, and "Prøv igen". */
export function loginFailed(
  reply: FastifyReply,
  t: T,
  messageId: MessageId,
  status: number,
  retryHref: string,
): FastifyReply {
  return reply.page(
    t('bank.login.failedTitle'),
    html`<h1>${t('bank.login.failedTitle')}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t(messageId)}</p></div></div>
<p><a class="button button-primary" href="${retryHref}">${t('bank.login.tryAgain')}</a></p>`,
    { status },
  );
}
