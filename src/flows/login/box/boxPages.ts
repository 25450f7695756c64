/**
 * The login box's pages (pure: data in, HTML out). Every page is the site's shell (DKFDS, the
 * borger.dk theme, IBM Plex Sans) with a centred box of about 400 px: the MitID wordmark, the
 * action on top ("Log på hos Min Bank"), the step, and at the foot Afbryd and Hjælp. Every form
 * posts with the CSRF token and keeps the page's language in its URL (`?lang=`), so a language
 * switch holds for the whole login. The box's script (static/login-box.js) only enhances: without
 * it the typed code is shown, "Jeg har godkendt" reloads the state, and every button works.
 */
import type { Action } from '../../../core/authentications/index.ts';
import type { T } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import { csrfField, errorSummary, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';

export const BOX_CSS = '/static/site/login-box.css';
export const BOX_JS = '/static/login-box/login-box.js';

/** Where the box's forms and scripts go for one interaction (all under `<prefix>/login/<uid>`). */
export interface BoxUrls {
  page: string;
  start: string;
  done: string;
  cancel: string;
  events: string;
  status: string;
  openApp: string;
  /** "Skift login-metode" (a form post), and the device steps' answers (decision 0014 §4). */
  method: string;
  code: string;
  password: string;
  chip: string;
}

export const boxUrls = (prefix: string, uid: string, lang: Lang): BoxUrls => {
  const base = `${prefix}/login/${uid}`;
  const q = `?lang=${lang}`;
  return {
    page: `${base}${q}`,
    start: `${base}${q}`,
    done: `${base}/done${q}`,
    cancel: `${base}/cancel${q}`,
    events: `${base}/events`,
    status: `${base}/status`,
    openApp: `${base}/open-app`,
    method: `${base}/method${q}`,
    code: `${base}/code${q}`,
    password: `${base}/password${q}`,
    chip: `${base}/chip${q}`,
  };
};

export interface BoxFrame {
  t: T;
  lang: Lang;
  service: string;
  action: Action;
  urls: BoxUrls;
  csrf: string;
}

export const actionTitle = (t: T, action: Action, service: string): string =>
  t(`login.action.${action}`, { service });

/** The box itself: wordmark, action, the step's content, Afbryd and Hjælp. */
export function box(
  f: BoxFrame,
  content: SafeHtml,
  opts: { cancel?: boolean; heading?: string } = {},
): SafeHtml {
  const { t } = f;
  return html`<link rel="stylesheet" href="${BOX_CSS}">
<section class="login-box" aria-labelledby="login-box-title">
  <div class="login-box-head">
    <span class="login-box-wordmark">${t('login.wordmark')}</span>
  </div>
  <div class="login-box-body">
    <h1 class="login-box-title" id="login-box-title">${opts.heading ?? actionTitle(t, f.action, f.service)}</h1>
    ${content}
  </div>
  <div class="login-box-foot">
    ${
      opts.cancel === false
        ? ''
        : html`<form method="post" action="${f.urls.cancel}" class="login-box-cancel">
      ${csrfField(f.csrf)}
      <button class="login-box-link-button" type="submit">${t('login.cancel')}</button>
    </form>`
    }
    <details class="login-box-help">
      <summary>${t('login.help')}</summary>
      <div class="login-box-help-body">
        <p>${t('login.help.body')}</p>
        <p>${t('login.help.hours')}</p>
      </div>
    </details>
  </div>
</section>`;
}

export interface KindChoice {
  /** The method's value in the form ("app", "codeDevice", "chip"). */
  method: string;
  label: string;
  available: boolean;
  current: boolean;
  /** Why it cannot be chosen (not available yet, the level too low). */
  note?: string;
}

export interface UserIdStep {
  value?: string;
  error?: string;
  kind: string;
  kinds: KindChoice[];
}

/**
 * "Skift login-metode": each method a button of one form (posted, so it works without
 * JavaScript); one that cannot be chosen is disabled, with the reason beside it.
 */
export function methodList(f: BoxFrame, kinds: readonly KindChoice[], open = false): SafeHtml {
  const { t } = f;
  return html`<details class="login-box-kinds" ${open ? html`open` : ''}>
    <summary>${t('login.kind.switch')}</summary>
    <form method="post" action="${f.urls.method}" class="login-box-kind-form">
      ${csrfField(f.csrf)}
      <ul class="nobullet-list login-box-kind-list">
        ${kinds.map((k) => {
          const note = k.current ? t('login.kind.current') : (k.note ?? '');
          const noteId = `login-box-kind-note-${k.method}`;
          return html`<li class="${k.available ? '' : 'login-box-kind-off'}">
          <button class="login-box-kind-button" type="submit" name="method" value="${k.method}"
            ${k.available ? '' : html`disabled`} ${note ? html`aria-describedby="${noteId}"` : ''}>${k.label}</button>
          ${note ? html`<span class="login-box-kind-note" id="${noteId}">${note}</span>` : ''}</li>`;
        })}
      </ul>
    </form>
  </details>`;
}

export function userIdPage(f: BoxFrame, s: UserIdStep): SafeHtml {
  const { t } = f;
  const errors = s.error ? [{ field: 'userId', message: s.error }] : [];
  return box(
    f,
    html`${errorSummary(t, errors)}
<form method="post" action="${f.urls.start}" novalidate class="login-box-form">
  ${csrfField(f.csrf)}
  ${textField({
    t,
    name: 'userId',
    label: t('login.userId.label'),
    value: s.value ?? '',
    ...(s.error ? { error: s.error } : {}),
    autocomplete: 'username',
    className: 'login-box-input',
  })}
  <button class="button button-primary login-box-continue" type="submit">${t('login.continue')}</button>
</form>
<div class="login-box-kind">
  <p>${t('login.kind.offered', { kind: s.kind })}</p>
  ${methodList(f, s.kinds)}
</div>`,
  );
}

export interface WaitingStep {
  status: 'awaiting_channel' | 'pending' | 'approved';
  qrSvgDataUrl: string | null;
  typedCode: string | null;
  referenceText: string | null;
  /** A transaction's text (decision 0013 §2): what the person approves, shown first. */
  transactionText?: string | null;
  expiresAt: number;
  now: number;
  /** The expiry as the person reads it (HH:MM, Danish time), for the page without JavaScript. */
  expiresAtText: string;
  /** A step-up of the browser's MitID session: no QR or code, the app asks for the PIN. */
  stepUp?: boolean;
  /** Where the user-ID step was skipped (a step-up, a uuid hint): "Skift login-metode" here. */
  methods?: KindChoice[];
}

const mmss = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** "123 456": two groups, easier to read and type. */
const grouped = (code: string): string => code.replace(/^(\d{3})(\d{3})$/, '$1 $2');

export function waitingPage(f: BoxFrame, s: WaitingStep): SafeHtml {
  const { t } = f;
  const texts = {
    awaiting_channel: t('login.wait.scan'),
    pending: t(s.stepUp ? 'login.wait.stepUp' : 'login.wait.approveInApp'),
    approved: t('login.wait.approved'),
    timeLeft: t('login.wait.timeLeft', { time: '{time}' }),
  };
  const statusText = texts[s.status];
  const channel = s.status === 'awaiting_channel';
  return box(
    f,
    html`<div id="login-box-wait" class="login-box-wait" data-status="${s.status}" data-events="${f.urls.events}"
  data-status-url="${f.urls.status}" data-page="${f.urls.page}" data-expires="${s.expiresAt}" data-now="${s.now}"
  data-texts="${JSON.stringify(texts)}">
  ${
    s.transactionText
      ? html`<p class="login-box-transaction" id="login-box-transaction"><span class="login-box-transaction-label">${t(f.action === 'sign' ? 'login.wait.transaction.sign' : 'login.wait.transaction.approve')}</span>
    <strong class="login-box-transaction-text" dir="ltr">${s.transactionText}</strong></p>`
      : ''
  }
  <p class="login-box-status" id="login-box-status" role="status" aria-live="polite">${
    channel
      ? html`<span class="login-box-on-desktop">${statusText}</span><span class="login-box-on-phone">${t('login.wait.phoneStatus')}</span>`
      : statusText
  }</p>
  <div class="login-box-spinner" aria-hidden="true"></div>
  ${
    channel
      ? html`<div class="login-box-channel" id="login-box-channel">
    <div class="login-box-desktop">
      ${s.qrSvgDataUrl ? html`<img class="login-box-qr" id="login-box-qr" src="${s.qrSvgDataUrl}" alt="${t('login.wait.qrAlt')}" width="208" height="208">` : ''}
      <details class="login-box-code" id="login-box-code" open>
        <summary>${t('login.wait.cannotScan')}</summary>
        <p>${t('login.wait.typeCode')}</p>
        <p class="login-box-typed" id="login-box-typed">${grouped(s.typedCode ?? '')}</p>
      </details>
    </div>
    <div class="login-box-phone">
      <a class="button button-primary login-box-open-app" href="${f.urls.openApp}">${t('login.wait.openApp')}</a>
      <p>${t('login.wait.phone')}</p>
    </div>
  </div>`
      : ''
  }
  ${
    s.referenceText
      ? html`<div class="login-box-reference">
    <h2 class="login-box-reference-title">${t('login.wait.reference', { service: f.service })}</h2>
    <p>${s.referenceText}</p>
  </div>`
      : ''
  }
  <p class="login-box-countdown"><span id="login-box-countdown" aria-hidden="true" hidden>${texts.timeLeft.replace('{time}', mmss(s.expiresAt - s.now))}</span>
    <span id="login-box-countdown-sr" class="login-box-expires-at" aria-live="polite">${t('login.wait.expiresAt', { time: s.expiresAtText })}</span></p>
  ${
    s.status === 'approved'
      ? html`<form method="post" action="${f.urls.done}" id="login-box-done">
    ${csrfField(f.csrf)}
    <button class="button button-primary login-box-continue" type="submit">${t('login.approved.continue', { service: f.service })}</button>
  </form>`
      : html`<form method="post" action="${f.urls.done}" id="login-box-done" hidden>${csrfField(f.csrf)}</form>
  <form method="get" action="${f.urls.page.split('?')[0]}" class="login-box-check" id="login-box-check">
    <input type="hidden" name="lang" value="${f.lang}">
    <button class="button button-secondary" type="submit">${t('login.wait.check')}</button>
  </form>`
  }
</div>
${s.methods ? html`<div class="login-box-kind">${methodList(f, s.methods)}</div>` : ''}
<script type="module" src="${BOX_JS}"></script>`,
  );
}

export interface CprStep {
  error?: string;
}

/**
 * The CPR page (the `cpr_match` prompt, decision 0013 §6): a private service asks for the CPR
 * number; the person types it (never shown again on the page), MitID says only match or not.
 */
export function cprPage(f: BoxFrame, s: CprStep = {}): SafeHtml {
  const { t } = f;
  const errors = s.error ? [{ field: 'cpr', message: s.error }] : [];
  return box(
    f,
    html`${errorSummary(t, errors)}
<p class="login-box-intro">${t('login.cpr.intro', { service: f.service })}</p>
<form method="post" action="${f.urls.start}" novalidate class="login-box-form">
  ${csrfField(f.csrf)}
  ${textField({
    t,
    name: 'cpr',
    label: t('login.cpr.label'),
    hint: t('login.cpr.hint'),
    ...(s.error ? { error: s.error } : {}),
    inputmode: 'numeric',
    maxlength: 11,
    className: 'login-box-input',
  })}
  <button class="button button-primary login-box-continue" type="submit">${t('login.cpr.continue')}</button>
</form>`,
    { heading: t('login.cpr.title') },
  );
}

export type EndState = 'rejected' | 'cancelled' | 'expired';

/** The clear page of a login that ended without approval: what happened, and the way on. */
export function endPage(f: BoxFrame, state: EndState, minutes: number): SafeHtml {
  const { t } = f;
  const title = t(`login.${state}.title`);
  const body =
    state === 'rejected'
      ? t('login.rejected.body', { service: f.service })
      : state === 'expired'
        ? t('login.expired.body', { minutes })
        : t('login.cancelled.body');
  return box(
    f,
    html`<p class="login-box-message login-box-message-${state}" role="status">${body}</p>
${
  state === 'expired'
    ? html`<form method="post" action="${f.urls.start}" class="login-box-form">
  ${csrfField(f.csrf)}
  <input type="hidden" name="retry" value="1">
  <button class="button button-primary login-box-continue" type="submit">${t('login.expired.retry')}</button>
</form>`
    : ''
}
<form method="post" action="${f.urls.cancel}" class="login-box-form">
  ${csrfField(f.csrf)}
  <button class="button ${state === 'expired' ? 'button-secondary' : 'button-primary'} login-box-continue" type="submit">${t('login.back', { service: f.service })}</button>
</form>`,
    { cancel: false, heading: title },
  );
}

/** An unknown or expired interaction, or nothing left to finish in this browser: no service to go back to. */
export function gonePage(t: T, kind: 'gone' | 'finished'): SafeHtml {
  return html`<link rel="stylesheet" href="${BOX_CSS}">
<section class="login-box" aria-labelledby="login-box-title">
  <div class="login-box-head"><span class="login-box-wordmark">${t('login.wordmark')}</span></div>
  <div class="login-box-body">
    <h1 class="login-box-title" id="login-box-title">${t(`login.${kind}.title`)}</h1>
    <p>${t(`login.${kind}.body`)}</p>
  </div>
  <div class="login-box-foot">
    <details class="login-box-help">
      <summary>${t('login.help')}</summary>
      <div class="login-box-help-body"><p>${t('login.help.body')}</p><p>${t('login.help.hours')}</p></div>
    </details>
  </div>
</section>`;
}
