/**
 * The development outbox pages: a form to pick a recipient with the recipients that have
 * messages, and one recipient's messages newest first. Tables have captions and scoped headers;
 * the form follows the GOV.UK pattern (error summary, label, hint, field error).
 */
import type { T } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { errorSummary, primaryButton, textField } from '../../platform/html/components.ts';
import { html, type SafeHtml } from '../../platform/html/html.ts';
import type { StoredMessage } from './Message.ts';
import type { RecipientSummary } from './MessageStore.ts';
import { MAX_EMAIL_LENGTH } from './parseRecipient.ts';

export const OUTBOX_PATH = '/dev/beskeder';

export interface Page {
  title: string;
  body: SafeHtml;
}

export function outboxHref(recipient: string): string {
  return `${OUTBOX_PATH}?${new URLSearchParams({ til: recipient })}`;
}

export function recipientsPage(
  t: T,
  lang: Lang,
  input: { value: string; error?: string; recipients: readonly RecipientSummary[] },
): Page {
  const title = t('messages.outbox.title');
  const body = html`${errorSummary(t, input.error ? [{ field: 'til', message: input.error }] : [])}
<h1>${title}</h1>
<p>${t('messages.outbox.devNotice')}</p>
<form method="get" action="${OUTBOX_PATH}" novalidate>
  ${textField({
    t,
    name: 'til',
    label: t('messages.outbox.recipientLabel'),
    hint: t('messages.outbox.recipientHint'),
    value: input.value,
    error: input.error,
    maxlength: MAX_EMAIL_LENGTH,
  })}
  ${primaryButton(t('messages.outbox.show'))}
</form>
<h2>${t('messages.outbox.recipientsHeading')}</h2>
${
  input.recipients.length === 0
    ? html`<p>${t('messages.outbox.noRecipients')}</p>`
    : html`<table class="table">
  <caption>${t('messages.outbox.recipientsCaption')}</caption>
  <thead><tr>
    <th scope="col">${t('messages.outbox.colRecipient')}</th>
    <th scope="col">${t('messages.outbox.colChannel')}</th>
    <th scope="col">${t('messages.outbox.colCount')}</th>
    <th scope="col">${t('messages.outbox.colLatest')}</th>
  </tr></thead>
  <tbody>
  ${input.recipients.map(
    (r) => html`<tr>
    <th scope="row"><a href="${outboxHref(r.recipient)}">${r.recipient}</a></th>
    <td>${t(`messages.channel.${r.channel}`)}</td>
    <td>${r.count}</td>
    <td>${time(r.latestAt, lang)}</td>
  </tr>`,
  )}
  </tbody>
</table>`
}`;
  return { title: input.error ? `${t('common.errorPrefix')} ${title}` : title, body };
}

export function messagesPage(t: T, lang: Lang, recipient: string, messages: readonly StoredMessage[]): Page {
  const title = t('messages.outbox.messagesTitle', { recipient });
  const body = html`<p><a href="${OUTBOX_PATH}">${t('messages.outbox.otherRecipient')}</a></p>
<h1>${title}</h1>
${
  messages.length === 0
    ? html`<p>${t('messages.outbox.noMessages', { recipient })}</p>`
    : html`<table class="table">
  <caption>${t('messages.outbox.messagesCaption', { recipient })}</caption>
  <thead><tr>
    <th scope="col">${t('messages.outbox.colTime')}</th>
    <th scope="col">${t('messages.outbox.colChannel')}</th>
    <th scope="col">${t('messages.outbox.colSubject')}</th>
    <th scope="col">${t('messages.outbox.colBody')}</th>
    <th scope="col">${t('messages.outbox.colStatus')}</th>
  </tr></thead>
  <tbody>
  ${messages.map(
    (m) => html`<tr>
    <th scope="row">${time(m.createdAt, lang)}</th>
    <td>${t(`messages.channel.${m.channel}`)}</td>
    <td>${m.subject || t('messages.outbox.noSubject')}</td>
    <td class="message-body">${bodyHtml(m.body)}</td>
    <td>${t(`messages.status.${m.status}`)}</td>
  </tr>`,
  )}
  </tbody>
</table>`
}`;
  return { title, body };
}

function time(at: Date, lang: Lang): SafeHtml {
  const text = new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Europe/Copenhagen',
  }).format(at);
  return html`<time datetime="${at.toISOString()}">${text}</time>`;
}

const link = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** The body as text with its line breaks kept and its http(s) links clickable (all escaped). */
export function bodyHtml(body: string): SafeHtml {
  return html`${body.split(/\r?\n/).map((line, i) => {
    const parts: (SafeHtml | string)[] = [];
    let at = 0;
    for (const m of line.matchAll(link)) {
      parts.push(line.slice(at, m.index), html`<a href="${m[0]}">${m[0]}</a>`);
      at = m.index + m[0].length;
    }
    parts.push(line.slice(at));
    return html`${i > 0 ? html`<br>` : ''}${parts}`;
  })}`;
}
