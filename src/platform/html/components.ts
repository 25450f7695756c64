/**
 * Form components in the GOV.UK way with DKFDS classes: an error summary at the top linking to each
 * field, a visually hidden "Fejl:" before each field error, labels tied to inputs, hints tied with
 * aria-describedby.
 */
import type { T } from '../../i18n/catalogue.ts';
import { html, type SafeHtml } from './html.ts';

export interface FieldError {
  field: string;
  message: string;
}

export function errorSummary(t: T, errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="alert alert-error error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
  <div class="alert-body">
    <h2 class="alert-heading" id="error-summary-title">${t('common.errorSummaryTitle')}</h2>
    <ul class="nobullet-list">
      ${errors.map((e) => html`<li><a href="#${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>
</div>`;
}

export interface TextFieldInput {
  t: T;
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'password' | 'tel' | 'email';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  maxlength?: number;
  /** Extra class for the input, e.g. a width class. */
  className?: string;
  /** Rendered before the input inside the same group, e.g. a "+45" prefix. */
  prefix?: string;
}

export function textField(f: TextFieldInput): SafeHtml {
  const described = [f.hint ? `${f.name}-hint` : '', f.error ? `${f.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  const input = html`<input class="form-input ${f.className ?? ''}" id="${f.name}" name="${f.name}" type="${f.type ?? 'text'}"
      value="${f.value ?? ''}" ${f.autocomplete ? html`autocomplete="${f.autocomplete}"` : html`autocomplete="off"`}
      ${f.inputmode ? html`inputmode="${f.inputmode}"` : ''} ${f.maxlength ? html`maxlength="${f.maxlength}"` : ''}
      ${described ? html`aria-describedby="${described}"` : ''} ${f.error ? html`aria-invalid="true"` : ''}
      spellcheck="false" autocapitalize="none">`;
  return html`<div class="form-group ${f.error ? 'form-error' : ''}">
  <label class="form-label" for="${f.name}">${f.label}</label>
  ${f.hint ? html`<span class="form-hint" id="${f.name}-hint">${f.hint}</span>` : ''}
  ${f.error ? html`<span class="form-error-message" id="${f.name}-error"><span class="sr-only">${f.t('common.errorPrefix')} </span>${f.error}</span>` : ''}
  ${f.prefix ? html`<div class="form-input-prefix-wrapper"><span class="form-input-prefix" aria-hidden="true">${f.prefix}</span>${input}</div>` : input}
</div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function primaryButton(label: string, attrs: { name?: string; value?: string } = {}): SafeHtml {
  return html`<button class="button button-primary" type="submit" ${attrs.name ? html`name="${attrs.name}" value="${attrs.value ?? ''}"` : ''}>${label}</button>`;
}

export function secondaryButton(label: string, attrs: { name?: string; value?: string } = {}): SafeHtml {
  return html`<button class="button button-secondary" type="submit" ${attrs.name ? html`name="${attrs.name}" value="${attrs.value ?? ''}"` : ''}>${label}</button>`;
}
