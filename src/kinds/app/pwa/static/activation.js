/**
 * Activation as the guide tells it (docs/protocols/app.md, "Activation"):
 *   userId → activationCode (or transferCode) → temporaryPin → pin → pinAgain → notify (finish)
 *   → bio (one user only) → ready
 * The flow lives in memory only; the PIN is forgotten as soon as OPAQUE's record is made.
 */
import { ApiError, call } from './api.js';
import { reloadUsers, state, userByDevice } from './appState.js';
import { biometricsAvailable, turnOnBiometrics } from './biometrics.js';
import { newDeviceKey } from './deviceKey.js';
import { deviceName } from './deviceName.js';
import { removeUser, saveUser } from './deviceStore.js';
import { errorText } from './errorText.js';
import { go, onAction, onForm, onScreen } from './nav.js';
import { finishRegistration, startRegistration } from './opaquePin.js';
import { busy, setText, show, showError, slot } from './screens.js';
import { t } from './texts.js';
import { dropUser, reportUsersInApp } from './users.js';

let flow = null;

const value = (id) => document.getElementById(id).value.trim();
const digitsOf = (id) => value(id).replace(/[\s-]/g, '');

/** Simple PINs a thief tries first: one digit repeated, or a run up or down. */
function tooSimple(pin) {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - (d[i] ?? 0)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]);
}

function start(mode, userId = '') {
  flow = { mode };
  show('userId');
  document.getElementById('userId').value = userId;
}

onAction('start-activation', () => start('activate'));
onAction('start-transfer', () => start('transfer'));
onAction('add-user', () => show('addUser'));
// A PIN blocked for good: the old device goes (it frees a place), and the app is activated again.
onAction('reactivate', async (button) => {
  const user = userByDevice(button.dataset.device);
  if (user) await busy(button, () => dropUser(user));
  start('activate', user?.userId ?? '');
});
onAction('cancel-activation', () => {
  flow = null;
  return go(state.users.length > 0 ? 'home' : 'welcome');
});

/** Shows a refusal on `screen`: at the field for wrong codes, above it otherwise. */
function refuse(screen, err, fieldId) {
  if (!(err instanceof ApiError)) throw err;
  const atField = ['wrong_code', 'wrong_temporary_pin', 'invalid_request'].includes(err.code);
  showError(screen, errorText(err), atField ? fieldId : undefined);
}

onForm('userId', async (_form, button) => {
  const userId = value('userId');
  if (!userId) return showError('userId', t('appUi.userId.missing'), 'userId');
  const here = state.users.find((u) => u.userId.toLowerCase() === userId.toLowerCase());
  if (here) return showError('userId', t('appUi.userId.alreadyHere'), 'userId');
  flow.userId = userId;
  if (flow.mode === 'transfer') return show('transferCode');
  try {
    const res = await busy(button, () => call('POST', '/activations', { userId, deviceName: deviceName() }));
    flow.activationId = res.activationId;
    show('code');
  } catch (err) {
    refuse('userId', err, 'userId');
  }
});

onForm('code', async (_form, button) => {
  const code = digitsOf('activationCode');
  if (!/^\d{8}$/.test(code)) return showError('code', t('appUi.code.invalid'), 'activationCode');
  try {
    const res = await busy(button, () =>
      call('POST', `/activations/${flow.activationId}/activation-code`, { code }),
    );
    showTemporaryPin(res);
  } catch (err) {
    refuse('code', err, 'activationCode');
  }
});

/** "abcd-efgh", "ABCDEFGH" or the QR code's text "mitid-app:transfer?code=…&user=…". */
function transferCodeOf(typed) {
  const fromQr = /[?&]code=([^&]+)/.exec(typed);
  const raw = (fromQr ? decodeURIComponent(fromQr[1]) : typed).toUpperCase().replace(/\s/g, '');
  if (/^[A-Z0-9]{8}$/.test(raw)) return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  return /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(raw) ? raw : null;
}

onForm('transferCode', async (_form, button) => {
  const transferCode = transferCodeOf(value('transferCode'));
  if (!transferCode) return showError('transferCode', t('appUi.transferIn.invalid'), 'transferCode');
  try {
    const res = await busy(button, () =>
      call('POST', '/activations', { userId: flow.userId, deviceName: deviceName(), transferCode }),
    );
    flow.activationId = res.activationId;
    showTemporaryPin(res);
  } catch (err) {
    refuse('transferCode', err, 'transferCode');
  }
});

function showTemporaryPin(res) {
  show('tempPin');
  const sentTo = slot('sent-to', 'tempPin');
  sentTo.hidden = !res.sentTo;
  if (res.sentTo) sentTo.textContent = t('appUi.tempPin.sentTo', { number: res.sentTo });
  slot('shown-pin', 'tempPin').hidden = !res.temporaryPin;
  setText('shown-pin-value', res.temporaryPin ?? '', 'tempPin');
}

onForm('tempPin', async (_form, button) => {
  const temporaryPin = digitsOf('temporaryPin');
  if (!/^\d{8}$/.test(temporaryPin)) return showError('tempPin', t('appUi.tempPin.invalid'), 'temporaryPin');
  try {
    await busy(button, () =>
      call('POST', `/activations/${flow.activationId}/temporary-pin`, { temporaryPin }),
    );
    show('pin');
  } catch (err) {
    refuse('tempPin', err, 'temporaryPin');
  }
});

onForm('pin', () => {
  const pin = value('newPin');
  if (!/^\d{6}$/.test(pin)) return showError('pin', t('appUi.pin.invalid'), 'newPin');
  if (tooSimple(pin)) return showError('pin', t('appUi.pin.tooSimple'), 'newPin');
  flow.pin = pin;
  show('pinAgain');
});

onForm('pinAgain', async (_form, button) => {
  const pin = flow.pin;
  flow.pin = null;
  if (value('newPinAgain') !== pin) {
    show('pin');
    return showError('pin', t('appUi.pinAgain.mismatch'), 'newPin');
  }
  try {
    flow.registrationRecord = await busy(button, async () => {
      const { clientRegistrationState, registrationRequest } = await startRegistration(pin);
      const { registrationResponse } = await call('POST', `/activations/${flow.activationId}/pin`, {
        registrationRequest,
      });
      return finishRegistration(pin, clientRegistrationState, registrationResponse);
    });
    show('notify');
  } catch (err) {
    refuse('pinAgain', err);
  }
});

onForm('notify', async (_form, button) => {
  const notifyEveryUse = document.getElementById('notifyEveryUse').checked;
  if ('Notification' in window && Notification.permission === 'default') {
    await Notification.requestPermission().catch(() => 'default');
  }
  try {
    const user = await busy(button, async () => {
      const key = await newDeviceKey();
      const others = state.users.filter((u) => u.userId.toLowerCase() !== flow.userId.toLowerCase());
      const res = await call('POST', `/activations/${flow.activationId}/finish`, {
        registrationRecord: flow.registrationRecord,
        publicKey: key.publicJwk,
        notifyEveryUse,
        usersInApp: others.length + 1,
      });
      return keep({ deviceId: res.deviceId, userId: res.userId ?? flow.userId, ...key });
    });
    flow = { userId: user.userId, deviceId: user.deviceId };
    if (state.users.length === 1 && (await biometricsAvailable())) return show('bio');
    return showReady();
  } catch (err) {
    refuse('notify', err);
  }
});

/** Stores the new user; an older entry for the same user-ID (re-activation) goes. */
async function keep(entry) {
  const user = { ...entry, biometrics: false, addedAt: Date.now() };
  for (const old of state.users) {
    if (old.userId.toLowerCase() === user.userId.toLowerCase()) await removeUser(old.deviceId);
  }
  await saveUser(user);
  await navigator.storage?.persist?.().catch(() => false);
  await reloadUsers();
  // Several users in one app: biometrics off for everyone (the guide), and every device told how
  // many users its app has (the server then drops their biometric credentials too).
  if (state.users.length > 1) {
    await reportUsersInApp(user.deviceId);
    for (const other of state.users.filter((u) => u.biometrics))
      await saveUser({ ...other, biometrics: false });
    await reloadUsers();
  }
  return user;
}

onAction('bio-on', async (button) => {
  const user = state.users.find((u) => u.deviceId === flow.deviceId);
  try {
    await busy(button, () => turnOnBiometrics(user));
    await saveUser({ ...user, biometrics: true });
    await reloadUsers();
    showReady();
  } catch (err) {
    showError('bio', err instanceof ApiError ? errorText(err) : t('appUi.bio.failed'));
  }
});
onAction('bio-skip', () => showReady());

function showReady() {
  show('ready');
  setText('ready-intro', t('appUi.ready.intro', { userId: flow.userId }), 'ready');
  flow = null;
}

onScreen('welcome', () => show('welcome'));
