/**
 * Wiring without inline handlers (the CSP forbids them): buttons name their action in
 * data-action, forms their handler in data-form; screens may have an entry function that fills
 * them before they are shown. A handler's unexpected failure becomes a message on the screen.
 */
import { errorText } from './errorText.js';
import { currentScreen, show, showError } from './screens.js';

const actions = new Map();
const forms = new Map();
const entries = new Map();

export const onAction = (name, handler) => actions.set(name, handler);
export const onForm = (name, handler) => forms.set(name, handler);
export const onScreen = (name, enter) => entries.set(name, enter);

/** Shows screen `name`, through its entry function when it has one. */
export async function go(name, ...args) {
  const enter = entries.get(name);
  if (enter) await enter(...args);
  else show(name);
}

function run(work) {
  Promise.resolve()
    .then(work)
    .catch((err) => {
      console.error(err);
      showError(currentScreen(), errorText(err));
    });
}

export function listen() {
  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action]');
    const handler = button && actions.get(button.dataset.action);
    if (!handler) return;
    event.preventDefault();
    run(() => handler(button));
  });
  document.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-form]');
    if (!form) return;
    event.preventDefault();
    const handler = forms.get(form.dataset.form);
    if (handler) run(() => handler(form, form.querySelector('[type="submit"]')));
  });
}
