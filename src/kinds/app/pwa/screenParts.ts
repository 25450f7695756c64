/**
 * Building blocks of the app's screens. Every screen is server-rendered into the shell, hidden until
 * the app shows it; the scripts fill in only what is known at run time (errors, codes, requests).
 * Rules, GOV.UK style: one question per screen; an error summary at the top (filled by the script)
 * linking to the field; a visually hidden "Fejl:" before each field error; labels tied to inputs.
 */
import type { T } from '../../../i18n/catalogue.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';

/** One screen: a section with its own h1 (focused when shown) and an error-summary slot. */
export function screen(
  name: string,
  title: string,
  body: SafeHtml,
  opts: { shown?: boolean } = {},
): SafeHtml {
  return html`<section class="app-screen" id="screen-${name}" data-screen="${name}" aria-labelledby="${name}-title" ${opts.shown ? '' : 'hidden'}>
  <div class="app-error-slot" data-error-slot></div>
  <h1 class="app-title" id="${name}-title" tabindex="-1" data-slot="title">${title}</h1>
  ${body}
</section>`;
}

export interface CodeFieldInput {
  id: string;
  label: string;
  hint?: string;
  /** digits: a numeric keypad; text: letters too (user-ID, transfer code). */
  kind: 'digits' | 'text';
  maxlength: number;
  secret?: boolean;
  autocomplete?: string;
}

/** A labelled input; the error message (`#<id>-error`) is added by the script when needed. */
export function codeField(f: CodeFieldInput): SafeHtml {
  return html`<div class="form-group" data-field="${f.id}">
  <label class="form-label" for="${f.id}">${f.label}</label>
  ${f.hint ? html`<span class="form-hint" id="${f.id}-hint">${f.hint}</span>` : ''}
  <input class="form-input app-input ${f.kind === 'digits' ? 'app-input-digits' : ''}" id="${f.id}" name="${f.id}"
    type="${f.secret ? 'password' : 'text'}" ${f.kind === 'digits' ? html`inputmode="numeric" pattern="[0-9]*"` : ''}
    maxlength="${f.maxlength}" autocomplete="${f.autocomplete ?? 'off'}" spellcheck="false" autocapitalize="none"
    ${f.hint ? html`aria-describedby="${f.id}-hint"` : ''}>
</div>`;
}

export function submitButton(label: string, extra = ''): SafeHtml {
  return html`<button class="button button-primary app-button" type="submit" ${extra ? html`data-action="${extra}"` : ''}>${label}</button>`;
}

/** A plain button the script reacts to by its data-action. */
export function actionButton(
  label: string,
  action: string,
  kind: 'primary' | 'secondary' | 'tertiary',
): SafeHtml {
  return html`<button class="button button-${kind} app-button" type="button" data-action="${action}">${label}</button>`;
}

/** A form the script handles (no action: nothing is ever posted as a form). */
export function appForm(name: string, body: SafeHtml): SafeHtml {
  return html`<form class="app-form" data-form="${name}" novalidate>${body}</form>`;
}

/** The guide's "Sådan bruger du MitID app", shown after activation and in the settings. */
export function advice(t: T, headingLevel: 'h2' | 'h3' = 'h2'): SafeHtml {
  const items = [
    t('appUi.advice.place'),
    t('appUi.advice.backup'),
    t('appUi.advice.openYourself'),
    t('appUi.advice.unlock'),
    t('appUi.advice.checkText'),
    t('appUi.advice.swipe'),
    t('appUi.advice.never'),
  ];
  const heading =
    headingLevel === 'h2'
      ? html`<h2 class="h3">${t('appUi.advice.title')}</h2>`
      : html`<h3>${t('appUi.advice.title')}</h3>`;
  return html`<div class="app-advice">${heading}<ul>${items.map((i) => html`<li>${i}</li>`)}</ul></div>`;
}
