/**
 * The message for every error code of the protocol (docs/protocols/app.md, "Errors"), from the
 * app's own texts in the person's language; the server's `message` is never shown as is.
 */
import { formatTime, t } from './texts.js';

const withAttempts = new Set(['wrong_code', 'wrong_temporary_pin', 'wrong_pin', 'wrong_channel_proof']);
const known = new Set([
  'invalid_request',
  'wrong_code',
  'wrong_temporary_pin',
  'code_blocked',
  'code_expired',
  'wrong_step',
  'too_many_devices',
  'invalid_device_signature',
  'pin_blocked',
  'wrong_pin',
  'transaction_not_pending',
  'wrong_channel_proof',
  'invalid_approval',
  'activation_expired',
  'biometrics_not_allowed',
  'not_found',
  'server_error',
  'rate_limited',
  'request_too_large',
  'network',
  'storage',
]);

export function errorText(err) {
  const code = err?.code ?? 'unknown';
  if (code === 'wrong_pin' && typeof err.body?.attemptsLeft !== 'number')
    return t('appUi.error.wrong_pin_unknown');
  if (withAttempts.has(code)) return t(`appUi.error.${code}`, { attemptsLeft: err.body?.attemptsLeft ?? 0 });
  if (known.has(code)) return t(`appUi.error.${code}`);
  return t('appUi.error.unknown', { code: err?.status ? `${code} (${err.status})` : code });
}

/** The lock-out text for a pin_blocked refusal: until a time, or for good. */
export function blockedText(err) {
  if (err.body?.permanent) return t('appUi.blocked.permanent');
  if (typeof err.body?.until === 'number')
    return t('appUi.blocked.until', { time: formatTime(err.body.until) });
  return t('appUi.error.pin_blocked');
}
