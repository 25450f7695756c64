/**
 * What waits for the app's users, and approving or rejecting it (docs/protocols/app.md,
 * "Transactions"): the app fetches pending requests when opened (and while the overview is
 * shown); the person reads the service, action and text; swipes or presses Godkend, or Afvis;
 * gives the PIN (OPAQUE) or biometrics when the request demands it; the decision is signed with
 * the device key over "mitid-approval-v1\n" + id + digest + challenge + decision + pinProof.
 */
import { ApiError, signedCall } from './api.js';
import { activeUser, chooseUser, state, userByDevice } from './appState.js';
import { sha256, toB64url, utf8 } from './b64.js';
import { assertForTransaction } from './biometrics.js';
import { signText } from './deviceKey.js';
import { blockedText, errorText } from './errorText.js';
import { go, onAction, onForm, onScreen } from './nav.js';
import { finishLogin, startLogin } from './opaquePin.js';
import { busy, currentScreen, setNodes, setText, show, showError, slot } from './screens.js';
import { makeSwipe } from './swipe.js';
import { formatTime, t, tIsolated } from './texts.js';

/** Pending requests per device id, as last fetched. */
const pending = new Map();
let open = null;
let poll = null;
const POLL_MS = 3000;

// The service's name always in its own left-to-right isolate, never mixed into the sentence.
const actionText = (tx) => tIsolated(`appUi.action.${tx.action}`, { service: tx.serviceName });

/**
 * The digest of what this app shows (docs/protocols/app.md): base64url(SHA-256(canonical JSON)),
 * keys sorted. The app signs its own digest, so an approval only ever covers the text shown here.
 */
async function shownDigest(tx) {
  const canonical = JSON.stringify({
    action: tx.action,
    createdAt: tx.createdAt,
    id: tx.id,
    level: tx.level,
    serviceName: tx.serviceName,
    text: tx.text,
  });
  return toB64url(await sha256(utf8(canonical)));
}

async function fetchPending() {
  await Promise.all(
    state.users.map(async (user) => {
      const res = await signedCall(user, 'GET', `/devices/${user.deviceId}/transactions`);
      pending.set(user.deviceId, res.transactions ?? []);
    }),
  );
}

function renderPicker() {
  const picker = slot('user-picker', 'home');
  const select = document.getElementById('activeUser');
  picker.hidden = state.users.length < 2;
  select.replaceChildren(
    ...state.users.map((u) => {
      const option = new Option(u.userId, u.deviceId);
      option.selected = u.deviceId === activeUser()?.deviceId;
      return option;
    }),
  );
}

function renderPending() {
  const user = activeUser();
  setText('user-is', t('appUi.home.userIs', { userId: user.userId }), 'home');
  const list = slot('tx-list', 'home');
  const mine = pending.get(user.deviceId) ?? [];
  list.replaceChildren(
    ...mine.map((tx) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button-primary app-button';
      button.dataset.action = 'open-tx';
      button.dataset.tx = tx.id;
      button.dataset.device = user.deviceId;
      button.replaceChildren(...actionText(tx));
      const item = document.createElement('li');
      item.append(button);
      return item;
    }),
  );
  slot('none', 'home').hidden = mine.length > 0;
  const others = state.users.filter((u) => u !== user && (pending.get(u.deviceId) ?? []).length > 0);
  const othersLine = slot('others', 'home');
  othersLine.hidden = others.length === 0;
  othersLine.textContent = t('appUi.home.others', { userIds: others.map((u) => u.userId).join(', ') });
}

async function refresh() {
  try {
    await fetchPending();
    if (currentScreen() === 'home') renderPending();
  } catch (err) {
    if (currentScreen() === 'home') showError('home', errorText(err));
  }
}

function startPolling() {
  clearInterval(poll);
  poll = setInterval(() => {
    if (currentScreen() !== 'home') return clearInterval(poll);
    if (document.visibilityState === 'visible') void refresh();
  }, POLL_MS);
}

onScreen('home', async () => {
  if (state.users.length === 0) return go('welcome');
  open = null;
  show('home');
  renderPicker();
  renderPending();
  await refresh();
  startPolling();
});
onAction('go-home', () => go('home'));
onAction('refresh', (button) => busy(button, refresh));
document.getElementById('activeUser').addEventListener('change', (event) => {
  chooseUser(event.target.value);
  renderPending();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && currentScreen() === 'home') void refresh();
});

const swipe = makeSwipe(slot('swipe-track', 'tx'), slot('swipe-thumb', 'tx'), () => decide('approve'));

function showTx() {
  const { tx, user } = open;
  show('tx');
  swipe.reset();
  setNodes('title', actionText(tx), 'tx');
  setText('tx-user', t('appUi.tx.userLabel', { userId: user.userId }), 'tx');
  // A request the service sent without a browser (CIBA): "<service> beder dig godkende:", and why to report.
  const decoupled = tx.decoupled === true;
  setNodes(
    'tx-text-label',
    tIsolated(decoupled ? 'appUi.tx.decoupledLabel' : 'appUi.tx.textLabel', { service: tx.serviceName }),
    'tx',
  );
  slot('tx-decoupled', 'tx').hidden = !decoupled;
  slot('tx-report', 'tx').hidden = !decoupled;
  if (decoupled)
    setNodes('tx-decoupled-text', tIsolated('appUi.tx.decoupled', { service: tx.serviceName }), 'tx');
  // Exactly as sent, in an element that is isolated and left to right (dir="ltr" in the screen).
  setText('tx-text', tx.text, 'tx');
  slot('tx-pin', 'tx').hidden = !tx.requiresPin;
  setText(
    'tx-expires',
    t('appUi.tx.expires', { time: formatTime(Date.parse(tx.expiresAt) || tx.expiresAt) }),
    'tx',
  );
}

onAction('open-tx', (button) => {
  const user = userByDevice(button.dataset.device);
  const tx = (pending.get(button.dataset.device) ?? []).find((x) => x.id === button.dataset.tx);
  if (!user || !tx) return go('home');
  open = { user, tx };
  showTx();
});
/**
 * A login the app has just opened with the box's QR or typed code (channel.js): fetched with the
 * pending list and shown as any request. `fromBrowser`: the app was opened by the phone's browser
 * (the box's "Åbn MitID app"), so the result offers the way back to it.
 */
export async function openProvedLogin(user, transactionId, { fromBrowser = false } = {}) {
  await fetchPending();
  const tx = (pending.get(user.deviceId) ?? []).find((x) => x.id === transactionId);
  if (!tx) {
    await go('home');
    return showError('home', t('appUi.channel.gone'));
  }
  chooseUser(user.deviceId);
  open = { user, tx, fromBrowser };
  showTx();
}

onAction('back-to-tx', () => showTx());
onAction('back-to-browser', () => {
  // Opened by the browser's link: closing this view (or going back) returns to the login box.
  if (window.opener || history.length <= 1) window.close();
  else history.back();
});
onAction('approve', () => decide('approve'));
onAction('reject', () => decide('reject'));
onAction('reject-report', () => decide('reject', { report: true }));

async function decide(decision, { report = false } = {}) {
  const { tx, user } = open;
  // What was shown must be what is signed: checked before a PIN attempt is spent on it.
  if ((await shownDigest(tx)) !== tx.digest) return refused(new ApiError(400, { error: 'invalid_approval' }));
  if (decision === 'reject' || !tx.requiresPin) return send(decision, { pinProof: '-', report });
  if (user.biometrics && state.users.length === 1) return useBiometrics();
  return showPin();
}

function showPin(message) {
  show('txPin');
  setNodes('txpin-context', actionText(open.tx), 'txPin');
  slot('use-bio', 'txPin').hidden = !(open.user.biometrics && state.users.length === 1);
  if (message) showError('txPin', message, 'txPin');
}

async function useBiometrics() {
  let webauthn;
  try {
    webauthn = await assertForTransaction(open.user, open.tx.id);
  } catch (err) {
    if (err instanceof ApiError) return refused(err);
    return showPin(t('appUi.bio.failed'));
  }
  return send('approve', { pinProof: 'uv', webauthn });
}
onAction('use-bio', () => useBiometrics());

onForm('txPin', async (_form, button) => {
  const pin = document.getElementById('txPin').value.trim();
  if (!/^\d{6}$/.test(pin)) return showError('txPin', t('appUi.pin.invalid'), 'txPin');
  const { tx, user } = open;
  let proof;
  try {
    proof = await busy(button, async () => {
      const { clientLoginState, startLoginRequest } = await startLogin(pin);
      const res = await signedCall(user, 'POST', `/devices/${user.deviceId}/transactions/${tx.id}/pin`, {
        startLoginRequest,
      });
      return {
        ...(await finishLogin(pin, clientLoginState, res.loginResponse)),
        attemptsLeft: res.attemptsLeft,
      };
    });
  } catch (err) {
    if (err instanceof ApiError) return refused(err);
    throw err;
  }
  if (!proof.finishLoginRequest) {
    // The server counted the attempt when it answered; a wrong PIN never gets further.
    // attemptsLeft: what is left in this round if this attempt is wrong (0: it blocked the PIN).
    const left = proof.attemptsLeft;
    if (left === 0) return refused(await blockedState(user));
    return showError(
      'txPin',
      errorText(new ApiError(400, { error: 'wrong_pin', attemptsLeft: left })),
      'txPin',
    );
  }
  return send('approve', { pinProof: proof.pinProof, finishLoginRequest: proof.finishLoginRequest });
});

async function send(decision, { pinProof, finishLoginRequest, webauthn, report = false }) {
  const { tx, user } = open;
  const digest = await shownDigest(tx);
  if (digest !== tx.digest) return refused(new ApiError(400, { error: 'invalid_approval' }));
  const message = `mitid-approval-v1\n${tx.id}\n${digest}\n${tx.challenge}\n${decision}\n${pinProof}`;
  try {
    await busy(document.querySelector(`[data-action="${report ? 'reject-report' : decision}"]`), async () => {
      const signature = await signText(user.privateKey, message);
      await signedCall(user, 'POST', `/devices/${user.deviceId}/transactions/${tx.id}/decision`, {
        decision,
        signature,
        ...(report ? { report: true } : {}),
        ...(finishLoginRequest ? { finishLoginRequest } : {}),
        ...(webauthn ? { webauthn } : {}),
      });
    });
  } catch (err) {
    if (err instanceof ApiError) return refused(err);
    throw err;
  }
  pending.set(
    user.deviceId,
    (pending.get(user.deviceId) ?? []).filter((x) => x.id !== tx.id),
  );
  show('result');
  slot('back-to-browser', 'result').hidden = !open.fromBrowser;
  const approved = decision === 'approve';
  const outcome = approved ? 'approved' : report ? 'reported' : 'rejected';
  setText('title', t(`appUi.tx.${outcome}Title`), 'result');
  slot('result-box', 'result').className = `alert ${approved ? 'alert-success' : 'alert-info'}`;
  setNodes('result-text', tIsolated(`appUi.tx.${outcome}`, { service: tx.serviceName }), 'result');
}

/** The PIN's block as a pin_blocked refusal (until when, or for good), from the device's state. */
async function blockedState(user) {
  const device = await signedCall(user, 'GET', `/devices/${user.deviceId}`).catch(() => ({}));
  const pin = device.pin ?? {};
  return new ApiError(423, {
    error: 'pin_blocked',
    ...(pin.permanent ? { permanent: true } : { until: pin.until }),
  });
}

/** A refusal while deciding: the lock-out screen, the PIN again, or a message on the request. */
async function refused(err) {
  if (err.code === 'pin_blocked') {
    show('blocked');
    setText('blocked-text', blockedText(err), 'blocked');
    const again = slot('reactivate', 'blocked');
    again.hidden = !err.body?.permanent;
    again.querySelector('button').dataset.device = open.user.deviceId;
    return;
  }
  // A new challenge for the next try: the server may have used up the one just sent.
  await fetchPending().catch(() => undefined);
  const fresh = (pending.get(open.user.deviceId) ?? []).find((x) => x.id === open.tx.id);
  if (err.code === 'wrong_pin' && fresh) {
    open.tx = fresh;
    return showPin(errorText(err));
  }
  if (fresh) open.tx = fresh;
  if (currentScreen() !== 'tx') showTx();
  else swipe.reset();
  showError('tx', errorText(err));
}
