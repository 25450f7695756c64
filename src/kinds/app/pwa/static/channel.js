/**
 * Proving the login box's screen (docs/protocols/app.md, "Channel: proving the login box"): a
 * login started in a browser is shown by the app only after it sends the box's QR text or typed
 * code (POST /devices/:id/channel). Three ways in:
 *   Scan QR-kode    the rear camera (getUserMedia) in a <video>; a few frames a second are decoded
 *                   with BarcodeDetector where the browser has it, else with jsQR (/app/vendor/jsqr.js)
 *   Indtast kode    the 6 digits the box shows below the QR code
 *   #channel=…      the box's "Åbn MitID app" on a phone opens /app#channel=<QR text>
 * Then the request is shown and decided as any other (approval.js).
 */
import { ApiError, signedCall } from './api.js';
import { openProvedLogin } from './approval.js';
import { activeUser, state } from './appState.js';
import { errorText } from './errorText.js';
import { go, onAction, onForm } from './nav.js';
import { busy, currentScreen, setText, show, showError, slot } from './screens.js';
import { t } from './texts.js';

const QR_PREFIX = 'mitid-login:v1:';
/** How often a frame is decoded: a few times a second, enough for a code that changes each second. */
const DECODE_EVERY_MS = 200;
/** Frames are scaled down to at most this many pixels on the long side before jsQR reads them. */
const DECODE_SIZE = 640;

let stream = null;
let timer = null;
let decoding = false;
let decodeFrame = null;

/** Sends the proof with the chosen user's device; the login it opens is shown next. */
async function prove(proof, { fromBrowser = false, screen, fieldId } = {}) {
  const user = activeUser();
  if (!user) return go('welcome');
  let answer;
  try {
    answer = await signedCall(user, 'POST', `/devices/${user.deviceId}/channel`, proof);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (screen) {
      showError(screen, errorText(err), fieldId);
      return false;
    }
    await go('home');
    showError('home', errorText(err));
    return false;
  }
  stopCamera();
  await openProvedLogin(user, answer.transactionId, { fromBrowser });
  return true;
}

// -- the typed code

onAction('type-code', () => {
  stopCamera();
  show('channelCode');
});
onForm('channelCode', async (_form, button) => {
  const code = document.getElementById('channelCode').value.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(code)) return showError('channelCode', t('appUi.loginCode.invalid'), 'channelCode');
  await busy(button, () => prove({ code }, { screen: 'channelCode', fieldId: 'channelCode' }));
});

// -- the scanner

/** A function that reads a QR code's text from the video's current frame (or undefined). */
async function makeDecoder() {
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return async (video) => (await detector.detect(video))[0]?.rawValue;
      }
    } catch {
      // Not usable here: jsQR below.
    }
  }
  await import('/app/vendor/jsqr.js');
  const jsQR = self.jsQR;
  if (typeof jsQR !== 'function') throw new Error('jsQR did not load');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return undefined;
    const scale = Math.min(1, DECODE_SIZE / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data;
  };
}

function stopCamera() {
  clearInterval(timer);
  timer = null;
  decoding = false;
  for (const track of stream?.getTracks() ?? []) track.stop();
  stream = null;
  const video = slot('scan-video', 'scan');
  if (video) video.srcObject = null;
}

let notOursShown = false;
let refusals = 0;
const MAX_REFUSALS = 2;
const RETRY_AFTER_MS = 2000;

async function tick(video) {
  if (currentScreen() !== 'scan') return stopCamera();
  if (decoding || video.readyState < 2) return;
  decoding = true;
  try {
    const text = await decodeFrame(video);
    if (!text || !stream) return;
    if (!text.startsWith(QR_PREFIX)) {
      if (!notOursShown) setText('scan-status', t('appUi.scan.notOurs'), 'scan');
      notOursShown = true;
      return;
    }
    clearInterval(timer);
    setText('scan-status', t('appUi.scan.found'), 'scan');
    if (await prove({ qr: text }, { screen: 'scan' })) return;
    // Refused (a frame too old, another person's login): every refusal counts against this
    // device, so look again only once, after a pause; then the person decides.
    refusals += 1;
    if (refusals >= MAX_REFUSALS || currentScreen() !== 'scan') return stopCamera();
    setTimeout(() => {
      if (stream && currentScreen() === 'scan') timer = setInterval(() => void tick(video), DECODE_EVERY_MS);
    }, RETRY_AFTER_MS);
  } finally {
    decoding = false;
  }
}

onAction('scan-qr', async () => {
  stopCamera();
  notOursShown = false;
  refusals = 0;
  show('scan');
  const status = setText('scan-status', t('appUi.scan.starting'), 'scan');
  const video = slot('scan-video', 'scan');
  try {
    decodeFrame ??= await makeDecoder();
  } catch (err) {
    console.warn(err);
    status.textContent = '';
    return showError('scan', t('appUi.scan.noDecoder'));
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (err) {
    console.warn(err);
    status.textContent = '';
    return showError('scan', t('appUi.scan.noCamera'));
  }
  if (currentScreen() !== 'scan') return stopCamera();
  video.srcObject = stream;
  await video.play().catch(() => undefined);
  status.textContent = t('appUi.scan.looking');
  timer = setInterval(() => void tick(video), DECODE_EVERY_MS);
});

// Leaving the scanner by any way stops the camera (tick sees another screen; a hidden app stops now).
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && stream) {
    stopCamera();
    if (currentScreen() === 'scan') void go('home');
  }
});

// -- the phone's browser: /app#channel=<QR text>

/** Proves the fragment's QR text, if there is one; true when it did (the app then shows the login). */
export async function proveFromFragment() {
  const hash = window.location.hash;
  if (!hash.startsWith('#channel=')) return false;
  // Used once: a reload or a shared link must not send it again.
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  if (state.users.length === 0) return false;
  let qr;
  try {
    qr = decodeURIComponent(hash.slice('#channel='.length));
  } catch {
    return false;
  }
  if (!qr.startsWith(QR_PREFIX)) return false;
  await prove({ qr }, { fromBrowser: true });
  return true;
}

// The app already open in this tab: the box's link changes only the fragment.
window.addEventListener('hashchange', () => {
  proveFromFragment().catch((err) => {
    console.error(err);
    showError(currentScreen(), errorText(err));
  });
});
