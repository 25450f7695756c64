/** The clerk page's HTML: the login, the day's pickups, the ID check, the serial, the receipt. */
import type { T } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { csrfField, errorSummary, primaryButton, textField } from '../../platform/html/components.ts';
import { html, type SafeHtml } from '../../platform/html/html.ts';
import { formatOrderDate, formatOrderTime } from '../../platform/time/formatOrderTime.ts';
import { type DeskPickup, ID_TYPES, type IdType } from './PickupDesk.ts';

export function loginPage(t: T, csrf: string, error?: string, login = ''): SafeHtml {
  const errors = error ? [{ field: 'login', message: error }] : [];
  return html`${errorSummary(t, errors)}
<h1>${t('borgerservice.title')}</h1>
<p>${t('borgerservice.login.intro')}</p>
<form method="post" action="/borgerservice/login" novalidate>
  ${csrfField(csrf)}
  ${textField({ t, name: 'login', label: t('borgerservice.login.login'), value: login, autocomplete: 'username', maxlength: 40, ...(error ? { error } : {}) })}
  ${textField({ t, name: 'password', label: t('borgerservice.login.password'), type: 'password', autocomplete: 'current-password', maxlength: 128 })}
  ${primaryButton(t('borgerservice.login.submit'))}
</form>`;
}

export const logoutForm = (t: T, csrf: string, who: string): SafeHtml =>
  html`<span class="borgerservice-who">${who}</span>
<form method="post" action="/borgerservice/logout">${csrfField(csrf)}<button class="button button-secondary" type="submit">${t('borgerservice.logout')}</button></form>`;

const kindText = (t: T, kind: DeskPickup['kind']): string => t(`borgerservice.kind.${kind}`);

function statusText(t: T, lang: Lang, p: DeskPickup): string {
  if (p.status === 'collected') {
    return t('borgerservice.status.collected', {
      time: p.handover ? formatOrderTime(lang, p.handover.at) : '',
    });
  }
  return p.status === 'ready_for_pickup'
    ? t('borgerservice.status.ready')
    : t('borgerservice.status.waiting');
}

export function todayPage(
  t: T,
  lang: Lang,
  office: string,
  now: number,
  pickups: readonly DeskPickup[],
  notice?: string,
): SafeHtml {
  return html`${notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${notice}</p></div></div>` : ''}
<h1>${t('borgerservice.today.title')}</h1>
<p>${t('borgerservice.today.date', { office, date: formatOrderDate(lang, now) })}</p>
${
  pickups.length === 0
    ? html`<p>${t('borgerservice.today.none')}</p>`
    : html`<table class="table table--compact">
  <thead><tr>
    <th scope="col">${t('borgerservice.today.time')}</th><th scope="col">${t('borgerservice.today.name')}</th>
    <th scope="col">${t('borgerservice.today.kind')}</th><th scope="col">${t('borgerservice.today.status')}</th>
  </tr></thead>
  <tbody>
    ${pickups.map(
      (p) => html`<tr>
      <td>${formatOrderTime(lang, p.startsAt)}</td>
      <td>${p.status === 'ready_for_pickup' ? html`<a href="/borgerservice/afhentning/${p.orderId}" aria-label="${t('borgerservice.today.choose', { name: p.name })}">${p.name}</a>` : p.name}</td>
      <td>${kindText(t, p.kind)}</td>
      <td>${statusText(t, lang, p)}</td>
    </tr>`,
    )}
  </tbody>
</table>`
}`;
}

function orderHeader(t: T, lang: Lang, p: DeskPickup): SafeHtml {
  return html`<h1>${t('borgerservice.order.title', { name: p.name })}</h1>
<p>${t('borgerservice.order.details', { kind: kindText(t, p.kind), time: formatOrderTime(lang, p.startsAt), birthDate: p.birthDate })}</p>`;
}

const back = (t: T): SafeHtml => html`<p><a href="/borgerservice">${t('borgerservice.back')}</a></p>`;

export interface IdErrors {
  type?: string;
  number?: string;
}

export function idPage(
  t: T,
  lang: Lang,
  p: DeskPickup,
  csrf: string,
  errors: IdErrors = {},
  chosen?: string,
): SafeHtml {
  const summary = [
    ...(errors.type ? [{ field: 'idType', message: errors.type }] : []),
    ...(errors.number ? [{ field: 'idNumber', message: errors.number }] : []),
  ];
  return html`${errorSummary(t, summary)}
${orderHeader(t, lang, p)}
<h2>${t('borgerservice.id.title')}</h2>
<p>${t('borgerservice.id.intro')}</p>
<form method="post" action="/borgerservice/afhentning/${p.orderId}/legitimation" novalidate>
  ${csrfField(csrf)}
  <div class="form-group ${errors.type ? 'form-error' : ''}">
    <fieldset ${errors.type ? html`aria-describedby="idType-error"` : ''}>
      <legend class="form-label">${t('borgerservice.id.type')}</legend>
      ${errors.type ? html`<span class="form-error-message" id="idType-error"><span class="sr-only">${t('common.errorPrefix')} </span>${errors.type}</span>` : ''}
      <ul class="nobullet-list">
        ${ID_TYPES.map(
          (type, i) => html`<li>
          <input class="form-radio" type="radio" name="idType" value="${type}" id="${i === 0 ? 'idType' : `idType-${type}`}" ${chosen === type ? 'checked' : ''}>
          <label for="${i === 0 ? 'idType' : `idType-${type}`}">${t(`borgerservice.id.${type}`)}</label>
        </li>`,
        )}
      </ul>
    </fieldset>
  </div>
  ${textField({ t, name: 'idNumber', label: t('borgerservice.id.number'), hint: t('borgerservice.id.numberHint'), maxlength: 30, ...(errors.number ? { error: errors.number } : {}) })}
  ${primaryButton(t('borgerservice.id.submit'))}
</form>
${back(t)}`;
}

export function serialPage(
  t: T,
  lang: Lang,
  p: DeskPickup,
  csrf: string,
  id: { idType: IdType; idLast4: string },
  error?: string,
  typed = '',
): SafeHtml {
  return html`${errorSummary(t, error ? [{ field: 'serial', message: error }] : [])}
${orderHeader(t, lang, p)}
<p>${t('borgerservice.id.recorded', { type: t(`borgerservice.id.${id.idType}`), last4: id.idLast4 })}</p>
<h2>${t('borgerservice.serial.title')}</h2>
<form method="post" action="/borgerservice/afhentning/${p.orderId}/udlever" novalidate>
  ${csrfField(csrf)}
  ${textField({ t, name: 'serial', label: t('borgerservice.serial.label'), hint: t('borgerservice.serial.hint'), value: typed, maxlength: 20, ...(error ? { error } : {}) })}
  ${primaryButton(t('borgerservice.serial.submit'))}
</form>
${back(t)}`;
}

export function messagePage(t: T, title: string, message: string): SafeHtml {
  return html`<h1>${title}</h1>
<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">${message}</p></div></div>
${back(t)}`;
}

export function donePage(t: T, p: DeskPickup): SafeHtml {
  return html`<h1>${t('borgerservice.done.title')}</h1>
<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('borgerservice.done.body', { name: p.name, kind: kindText(t, p.kind), serial: p.serialNumber ?? '' })}</p></div></div>
${back(t)}`;
}
