/**
 * The login box's device steps (decision 0014 §4; pure: data in, HTML out), in the box's shell:
 * "Indtast koden fra din MitID kodeviser eller kodeoplæser" (6 digits), "Indtast din MitID adgangskode", and the
 * chip's "Indtast din adgangskode og tryk START" (the password and the WebAuthn assertion in one
 * form, the script static/login-chip.js runs navigator.credentials.get with the kind's options).
 * Each shows what the person approves (a transaction's text, "Du godkender: …") and the
 * service's reference text, and the method choice. The same page for a known and an unknown
 * user-ID: nothing on it depends on whether the person exists.
 */
import { csrfField, errorSummary, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { type BoxFrame, box, type KindChoice, methodList } from './boxPages.ts';

export const CHIP_JS = '/static/login-box/login-chip.js';
/** The longest answer the box reads: a code's field, a password (code points). */
export const CODE_INPUT_MAX = 16;
export const PASSWORD_INPUT_MAX = 256;

export interface DeviceStep {
  error?: string;
  /** The texts of the request: a transaction's (approved here, in the box) and the reference text. */
  transactionText: string | null;
  referenceText: string | null;
  kinds: KindChoice[];
}

/** "Du godkender: …" and "Tekst fra <service>", as on the waiting page. */
function requestTexts(f: BoxFrame, s: DeviceStep): SafeHtml {
  const { t } = f;
  return html`${
    s.transactionText
      ? html`<p class="login-box-transaction" id="login-box-transaction"><span class="login-box-transaction-label">${t(f.action === 'sign' ? 'login.wait.transaction.sign' : 'login.wait.transaction.approve')}</span>
    <strong class="login-box-transaction-text" dir="ltr">${s.transactionText}</strong></p>`
      : ''
  }${
    s.referenceText
      ? html`<div class="login-box-reference">
    <h2 class="login-box-reference-title">${t('login.wait.reference', { service: f.service })}</h2>
    <p>${s.referenceText}</p>
  </div>`
      : ''
  }`;
}

const methods = (f: BoxFrame, s: DeviceStep): SafeHtml =>
  html`<div class="login-box-kind">${methodList(f, s.kinds)}</div>`;

export function codePage(f: BoxFrame, s: DeviceStep): SafeHtml {
  const { t } = f;
  const errors = s.error ? [{ field: 'code', message: s.error }] : [];
  return box(
    f,
    html`${errorSummary(t, errors)}
${requestTexts(f, s)}
<h2 class="login-box-step-title">${t('login.code.title')}</h2>
<p class="login-box-intro">${t('login.code.intro')}</p>
<form method="post" action="${f.urls.code}" novalidate class="login-box-form">
  ${csrfField(f.csrf)}
  ${textField({
    t,
    name: 'code',
    label: t('login.code.label'),
    hint: t('login.code.hint'),
    ...(s.error ? { error: s.error } : {}),
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    maxlength: CODE_INPUT_MAX,
    className: 'login-box-input',
  })}
  <button class="button button-primary login-box-continue" type="submit">${t('login.step.continue')}</button>
</form>
${methods(f, s)}`,
  );
}

function passwordField(f: BoxFrame, error: string | undefined): SafeHtml {
  return textField({
    t: f.t,
    name: 'password',
    label: f.t('login.password.label'),
    type: 'password',
    ...(error ? { error } : {}),
    autocomplete: 'current-password',
    maxlength: PASSWORD_INPUT_MAX,
    className: 'login-box-input',
  });
}

export function passwordPage(f: BoxFrame, s: DeviceStep): SafeHtml {
  const { t } = f;
  const errors = s.error ? [{ field: 'password', message: s.error }] : [];
  return box(
    f,
    html`${errorSummary(t, errors)}
${requestTexts(f, s)}
<h2 class="login-box-step-title">${t('login.password.title')}</h2>
<form method="post" action="${f.urls.password}" novalidate class="login-box-form">
  ${csrfField(f.csrf)}
  ${passwordField(f, s.error)}
  <button class="button button-primary login-box-continue" type="submit">${t('login.step.continue')}</button>
</form>
${methods(f, s)}`,
  );
}

export interface ChipStep extends DeviceStep {
  /** The kind's WebAuthn request options (JSON), for navigator.credentials.get. */
  options: Record<string, unknown>;
}

export function chipPage(f: BoxFrame, s: ChipStep): SafeHtml {
  const { t } = f;
  const errors = s.error ? [{ field: 'password', message: s.error }] : [];
  const texts = {
    waiting: t('login.chip.waiting'),
    unsupported: t('login.chip.unsupported'),
    failed: t('login.chip.wrong'),
  };
  return box(
    f,
    html`${errorSummary(t, errors)}
${requestTexts(f, s)}
<h2 class="login-box-step-title">${t('login.chip.title')}</h2>
<p class="login-box-intro">${t('login.chip.intro')}</p>
<noscript><p class="login-box-message">${t('login.chip.noScript')}</p></noscript>
<form method="post" action="${f.urls.chip}" novalidate class="login-box-form" id="login-box-chip"
  data-options="${JSON.stringify(s.options)}" data-texts="${JSON.stringify(texts)}">
  ${csrfField(f.csrf)}
  ${passwordField(f, s.error)}
  <input type="hidden" name="response" id="login-box-chip-response" value="">
  <p class="login-box-chip-status" id="login-box-chip-status" role="status" aria-live="polite"></p>
  <button class="button button-primary login-box-continue" type="submit" id="login-box-chip-start">${t('login.chip.start')}</button>
</form>
${methods(f, s)}
<script type="module" src="${CHIP_JS}"></script>`,
  );
}
