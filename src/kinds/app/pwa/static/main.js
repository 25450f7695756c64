/**
 * The MitID app's start: wire the screens, register the service worker, and open on the overview
 * (or the welcome when this device has no users yet). Each flow registers its own screens.
 */
import './activation.js';
import './approval.js';
import { proveFromFragment } from './channel.js';
import './settings.js';
import { reloadUsers, state } from './appState.js';
import { go, listen, onAction } from './nav.js';
import { show, showError } from './screens.js';
import { t } from './texts.js';

listen();

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/app/sw.js', { scope: '/app' }).catch((err) => console.warn(err));
}

// "Find en god plads til MitID appen": offer installing when the browser allows it.
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  state.installPrompt = event;
  for (const el of document.querySelectorAll('[data-slot="install"]')) el.hidden = false;
});
onAction('install', async () => {
  const prompt = state.installPrompt;
  if (!prompt) return;
  state.installPrompt = null;
  await prompt.prompt();
  for (const el of document.querySelectorAll('[data-slot="install"]')) el.hidden = true;
});

try {
  await reloadUsers();
  // Opened by the login box's "Åbn MitID app" on this phone: the login it names is shown at once.
  if (!(await proveFromFragment())) await go(state.users.length > 0 ? 'home' : 'welcome');
} catch (err) {
  console.error(err);
  show('welcome');
  showError('welcome', t('appUi.error.storage'));
}
document.documentElement.dataset.ready = 'true';
