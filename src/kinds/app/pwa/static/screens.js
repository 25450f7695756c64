/**
 * Showing screens and messages. One screen is visible at a time; its h1 takes the focus, so a
 * screen reader announces the new step. Errors follow GOV.UK: a summary at the top that links to
 * the field, and the message at the field with a visually hidden "Fejl:".
 */
import { t } from './texts.js';

let current = 'loading';

export const screenEl = (name) => document.getElementById(`screen-${name}`);
export const currentScreen = () => current;

/** The element marked data-slot="name" in `screen` (or in the whole document). */
export function slot(name, screen) {
  const root = screen ? screenEl(screen) : document;
  return root.querySelector(`[data-slot="${name}"]`);
}

export function setText(name, text, screen) {
  const el = slot(name, screen);
  el.textContent = text;
  return el;
}

/** Fills a slot with nodes (tIsolated's), replacing what it held. */
export function setNodes(name, nodes, screen) {
  const el = slot(name, screen);
  el.replaceChildren(...nodes);
  return el;
}

export function show(name) {
  for (const el of document.querySelectorAll('.app-screen')) el.hidden = el.dataset.screen !== name;
  current = name;
  const screen = screenEl(name);
  clearErrors(name);
  for (const input of screen.querySelectorAll('input[type="password"], input[inputmode="numeric"]'))
    input.value = '';
  announce('');
  window.scrollTo(0, 0);
  screen.querySelector('h1').focus();
}

/** Says something in the live region (e.g. "Vent et øjeblik …"). */
export function announce(text) {
  setText('status', text);
}

export function clearErrors(name) {
  const screen = screenEl(name);
  screen.querySelector('[data-error-slot]').replaceChildren();
  for (const group of screen.querySelectorAll('.form-group.form-error')) {
    group.classList.remove('form-error');
    group.querySelector('.form-error-message')?.remove();
    const input = group.querySelector('input, select');
    input.removeAttribute('aria-invalid');
    const hint = group.querySelector('.form-hint');
    if (hint) input.setAttribute('aria-describedby', hint.id);
    else input.removeAttribute('aria-describedby');
  }
}

/** Shows `message` on screen `name`, tied to the input `fieldId` when given. */
export function showError(name, message, fieldId) {
  clearErrors(name);
  const screen = screenEl(name);
  const box = document.createElement('div');
  box.className = 'alert alert-error error-summary';
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-labelledby', `${name}-error-title`);
  box.tabIndex = -1;
  const body = document.createElement('div');
  body.className = 'alert-body';
  const heading = document.createElement('h2');
  heading.className = 'alert-heading';
  heading.id = `${name}-error-title`;
  heading.textContent = t('common.errorSummaryTitle');
  const text = document.createElement('p');
  text.className = 'alert-text';
  if (fieldId) {
    const link = document.createElement('a');
    link.href = `#${fieldId}`;
    link.textContent = message;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      document.getElementById(fieldId)?.focus();
    });
    text.append(link);
    markField(fieldId, message);
  } else {
    text.textContent = message;
  }
  body.append(heading, text);
  box.append(body);
  screen.querySelector('[data-error-slot]').append(box);
  if (fieldId) document.getElementById(fieldId)?.focus();
  else box.focus();
}

function markField(fieldId, message) {
  const input = document.getElementById(fieldId);
  const group = input.closest('.form-group');
  group.classList.add('form-error');
  const error = document.createElement('span');
  error.className = 'form-error-message';
  error.id = `${fieldId}-error`;
  const prefix = document.createElement('span');
  prefix.className = 'sr-only';
  prefix.textContent = `${t('common.errorPrefix')} `;
  error.append(prefix, message);
  input.before(error);
  input.setAttribute('aria-invalid', 'true');
  const hint = group.querySelector('.form-hint');
  input.setAttribute('aria-describedby', [hint?.id, error.id].filter(Boolean).join(' '));
}

/** Runs `work` with `button` (or the form's submit button) disabled and "Vent et øjeblik …" said. */
export async function busy(button, work) {
  if (button) {
    button.disabled = true;
    button.classList.add('is-busy');
  }
  announce(t('appUi.working'));
  try {
    return await work();
  } finally {
    if (button) {
      button.disabled = false;
      button.classList.remove('is-busy');
    }
    if (slot('status').textContent === t('appUi.working')) announce('');
  }
}
