/**
 * Settings: the app's users ("Tilføj bruger"), biometrics for a single user, and a transfer code
 * (with its QR code) that adds the app on another device (docs/protocols/app.md, "Several users,
 * several devices").
 */
import { ApiError, signedCall } from './api.js';
import { reloadUsers, state, userByDevice } from './appState.js';
import { biometricsAvailable, turnOffBiometrics, turnOnBiometrics } from './biometrics.js';
import { saveUser } from './deviceStore.js';
import { errorText } from './errorText.js';
import { go, onAction, onScreen } from './nav.js';
import { announce, busy, setText, show, showError, slot } from './screens.js';
import { formatTime, t } from './texts.js';
import { dropUser } from './users.js';

function button(label, action, deviceId, kind = 'secondary') {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `button button-${kind} app-button`;
  b.dataset.action = action;
  b.dataset.device = deviceId;
  b.textContent = label;
  return b;
}

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

async function renderUsers() {
  const single = state.users.length === 1;
  const canBio = single && (await biometricsAvailable());
  const items = state.users.map((user) => {
    const item = document.createElement('li');
    const name = document.createElement('h3');
    name.textContent = user.userId;
    item.append(
      name,
      button(t('appUi.settings.showTransfer', { userId: user.userId }), 'show-transfer', user.deviceId),
    );
    item.append(
      button(t('appUi.settings.remove', { userId: user.userId }), 'remove-user', user.deviceId, 'tertiary'),
    );
    if (!single) item.append(paragraph(t('appUi.bio.severalUsers')));
    else if (!canBio) item.append(paragraph(t('appUi.bio.unavailable')));
    else {
      item.append(paragraph(t(user.biometrics ? 'appUi.bio.isOn' : 'appUi.bio.isOff')));
      item.append(
        button(t(user.biometrics ? 'appUi.bio.turnOff' : 'appUi.bio.turnOn'), 'toggle-bio', user.deviceId),
      );
    }
    return item;
  });
  slot('users', 'settings').replaceChildren(...items);
}

onScreen('settings', async () => {
  await reloadUsers();
  show('settings');
  await renderUsers();
});
onAction('open-settings', () => go('settings'));

onAction('toggle-bio', async (b) => {
  const user = userByDevice(b.dataset.device);
  try {
    await busy(b, () => (user.biometrics ? turnOffBiometrics(user) : turnOnBiometrics(user)));
  } catch (err) {
    return showError('settings', err instanceof ApiError ? errorText(err) : t('appUi.bio.failed'));
  }
  await saveUser({ ...user, biometrics: !user.biometrics });
  await reloadUsers();
  await renderUsers();
  document.querySelector('[data-action="toggle-bio"]')?.focus();
});

onAction('show-transfer', async (b) => {
  const user = userByDevice(b.dataset.device);
  let res;
  try {
    res = await busy(b, () => signedCall(user, 'POST', `/devices/${user.deviceId}/transfer-codes`));
  } catch (err) {
    return showError('settings', errorText(err));
  }
  show('transfer');
  setText('transfer-code', res.transferCode, 'transfer');
  const until = Date.parse(res.expiresAt) || res.expiresAt;
  setText('transfer-valid', t('appUi.transfer.validUntil', { time: formatTime(until) }), 'transfer');
  const box = slot('transfer-qr', 'transfer');
  box.replaceChildren();
  const payload = `mitid-app:transfer?code=${encodeURIComponent(res.transferCode)}&user=${encodeURIComponent(user.userId)}`;
  const svg = await qrSvg(payload).catch(() => null);
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t('appUi.transfer.qrAlt', { userId: user.userId }));
    box.append(svg);
  }
});

/** The QR code as an SVG element, drawn by the server (POST /app/qr). */
async function qrSvg(text) {
  const res = await fetch('/app/qr', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    cache: 'no-store',
  });
  if (!res.ok) return null;
  const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
  const svg = doc.documentElement;
  return svg.nodeName === 'svg' ? document.importNode(svg, true) : null;
}

let removing = null;

onAction('remove-user', (b) => {
  removing = userByDevice(b.dataset.device);
  show('removeUser');
  setText('remove-text', t('appUi.remove.text', { userId: removing.userId }), 'removeUser');
});

onAction('confirm-remove', async (b) => {
  const user = removing;
  await busy(b, () => dropUser(user));
  removing = null;
  await go(state.users.length > 0 ? 'settings' : 'welcome');
  announce(t('appUi.remove.done', { userId: user.userId }));
});
