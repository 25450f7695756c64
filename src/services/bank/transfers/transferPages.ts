/** The transfer pages of Min Bank: the form, the confirmation, the outcome, the receipt, the evidence. */
import type { FastifyReply } from 'fastify';
import type { MessageId, T } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import {
  csrfField,
  errorSummary,
  primaryButton,
  secondaryButton,
  textField,
} from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import type { Account } from '../customerStore.ts';
import { formatMoney } from '../format.ts';
import { logoutButton } from '../routes/overview.ts';
import type { Booking, Transfer } from './TransferStore.ts';
import { type FormField, MESSAGE_MAX, type TransferInput } from './validateTransfer.ts';

export interface PageCtx {
  reply: FastifyReply;
  t: T;
  lang: Lang;
  csrf: string;
}

const shell = (c: PageCtx, title: string, body: SafeHtml, status = 200): FastifyReply =>
  c.reply.page(title, body, { headerExtra: logoutButton(c.t, c.csrf), status });

const back = (t: T): SafeHtml => html`<p><a href="/oversigt">${t('bank.transfer.back')}</a></p>`;

const hidden = (input: TransferInput): SafeHtml =>
  html`${(Object.keys(input) as FormField[]).map((k) => html`<input type="hidden" name="${k}" value="${input[k]}">`)}`;

export function formPage(
  c: PageCtx,
  accounts: readonly Account[],
  input: TransferInput,
  errors: { field: FormField; message: MessageId }[] = [],
): FastifyReply {
  const { t } = c;
  const errorOf = (f: FormField) => {
    const e = errors.find((x) => x.field === f);
    return e ? t(e.message) : undefined;
  };
  const fromError = errorOf('from');
  const selected = input.from || accounts[0]?.id;
  const body = html`${errorSummary(
    t,
    errors.map((e) => ({ field: e.field, message: t(e.message) })),
  )}
<h1>${t('bank.transfer.title')}</h1>
<p>${t('bank.transfer.intro')}</p>
<form method="post" action="/overfoersel" novalidate>
  ${csrfField(c.csrf)}
  <div class="form-group ${fromError ? 'form-error' : ''}">
    <label class="form-label" for="from">${t('bank.transfer.from')}</label>
    ${fromError ? html`<span class="form-error-message" id="from-error"><span class="sr-only">${t('common.errorPrefix')} </span>${fromError}</span>` : ''}
    <select class="form-select" id="from" name="from" ${fromError ? html`aria-describedby="from-error" aria-invalid="true"` : ''}>
      ${accounts.map(
        (a) =>
          html`<option value="${a.id}" ${a.id === selected ? 'selected' : ''}>${t(
            'bank.transfer.fromOption',
            {
              name: a.name,
              number: `${a.reg_no} ${a.account_no}`,
              balance: formatMoney(a.balance_ore, c.lang),
            },
          )}</option>`,
      )}
    </select>
  </div>
  <fieldset>
    <legend class="form-label">${t('bank.transfer.to')}</legend>
    ${textField({ t, name: 'regNo', label: t('bank.transfer.regNo'), hint: t('bank.transfer.regNoHint'), value: input.regNo, error: errorOf('regNo'), inputmode: 'numeric', className: 'input-width-xs' })}
    ${textField({ t, name: 'accountNo', label: t('bank.transfer.accountNo'), hint: t('bank.transfer.accountNoHint'), value: input.accountNo, error: errorOf('accountNo'), inputmode: 'numeric', className: 'input-width-s' })}
  </fieldset>
  ${textField({ t, name: 'amount', label: t('bank.transfer.amount'), hint: t('bank.transfer.amountHint'), value: input.amount, error: errorOf('amount'), inputmode: 'text', maxlength: 20, className: 'input-width-s' })}
  ${textField({ t, name: 'message', label: t('bank.transfer.message'), hint: t('bank.transfer.messageHint'), value: input.message, error: errorOf('message'), maxlength: MESSAGE_MAX + 20 })}
  ${primaryButton(t('bank.transfer.continue'))}
</form>
${back(t)}`;
  return shell(c, t('bank.transfer.title'), body, errors.length ? 400 : 200);
}

export function confirmPage(c: PageCtx, input: TransferInput, text: string): FastifyReply {
  const { t } = c;
  return shell(
    c,
    t('bank.transfer.confirmTitle'),
    html`<h1>${t('bank.transfer.confirmTitle')}</h1>
<p>${t('bank.transfer.confirmIntro')}</p>
<p class="transfer-text" id="transfer-text">${text}</p>
<form method="post" action="/overfoersel/godkend">
  ${csrfField(c.csrf)}
  ${hidden(input)}
  <div class="button-row">
    ${primaryButton(t('bank.transfer.approve'), { name: 'action', value: 'approve' })}
    ${secondaryButton(t('bank.transfer.edit'), { name: 'action', value: 'edit' })}
  </div>
</form>
${back(t)}`,
  );
}

/** A page saying why, with "Prøv igen" (a new transfer form). */
export function notBookedPage(c: PageCtx, message: MessageId, status: number, text?: string): FastifyReply {
  const { t } = c;
  return shell(
    c,
    t('bank.transfer.notBookedTitle'),
    html`<h1>${t('bank.transfer.notBookedTitle')}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t(message)}</p></div></div>
${text ? html`<p class="transfer-text">${text}</p>` : ''}
<p><a class="button button-primary" href="/overfoersel">${t('bank.transfer.tryAgain')}</a></p>
${back(t)}`,
    status,
  );
}

export function messagePage(
  c: PageCtx,
  title: MessageId,
  message: MessageId,
  status: number,
  action?: SafeHtml,
): FastifyReply {
  const { t } = c;
  return shell(
    c,
    t(title),
    html`<h1>${t(title)}</h1>
<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t(message)}</p></div></div>
${action ?? ''}
${back(t)}`,
    status,
  );
}

const when = (ms: number, lang: Lang): string =>
  new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(ms));

const levelText = (t: T, loa: string): string =>
  loa === 'high' ? t('bank.transfer.level.high') : t('bank.transfer.level.substantial');

export function receiptPage(c: PageCtx, transfer: Transfer, booking: Booking): FastifyReply {
  const { t } = c;
  return shell(
    c,
    t('bank.transfer.bookedTitle'),
    html`<h1>${t('bank.transfer.bookedTitle')}</h1>
<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('bank.transfer.bookedText')}</p></div></div>
<div class="bank-card">
<h2>${t('bank.transfer.receipt')}</h2>
<dl class="bank-facts">
  <dt>${t('bank.transfer.approvedText')}</dt><dd id="receipt-text">${transfer.text}</dd>
  <dt>${t('bank.transfer.approvedAt')}</dt><dd>${when(booking.approved_at, c.lang)}</dd>
  <dt>${t('bank.transfer.bookedAt')}</dt><dd>${when(booking.booked_at, c.lang)}</dd>
  <dt>${t('bank.transfer.level')}</dt><dd>${levelText(t, booking.loa)}</dd>
  <dt>${t('bank.transfer.tokenId')}</dt><dd><code id="receipt-jti">${booking.jti}</code></dd>
</dl>
<p><a href="/overfoersel/${transfer.id}/bevis">${t('bank.transfer.evidenceLink')}</a></p>
</div>
${back(t)}`,
  );
}

/** The token's header and claims, decoded for a person to read (it was verified before booking). */
export function evidencePage(c: PageCtx, transfer: Transfer, booking: Booking): FastifyReply {
  const { t } = c;
  const [header = '', payload = ''] = booking.transaction_token.split('.');
  const decode = (part: string): string => {
    try {
      return JSON.stringify(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')), null, 2);
    } catch {
      return part;
    }
  };
  return shell(
    c,
    t('bank.transfer.evidenceTitle'),
    html`<h1>${t('bank.transfer.evidenceTitle')}</h1>
<p>${t('bank.transfer.evidenceIntro')}</p>
<p class="transfer-text">${transfer.text}</p>
<h2>${t('bank.transfer.evidenceHeader')}</h2>
<pre class="evidence" id="evidence-header" tabindex="0">${decode(header)}</pre>
<h2>${t('bank.transfer.evidenceClaims')}</h2>
<pre class="evidence" id="evidence-claims" tabindex="0">${decode(payload)}</pre>
<h2>${t('bank.transfer.evidenceToken')}</h2>
<pre class="evidence" id="evidence-token" tabindex="0">${booking.transaction_token}</pre>
<p><a href="/overfoersel/${transfer.id}">${t('bank.transfer.backToReceipt')}</a></p>`,
  );
}
