/**
 * A new PIN, typed twice on the device (docs/protocols/app.md: "6 digits chosen by the person").
 * Checked here only: the PIN never leaves the device, so the server cannot check its form.
 */
import { type AppResult, clientError, ok } from './appErrors.ts';

export const PIN_PATTERN = /^\d{6}$/;

export function checkNewPin(pin: string, repeated: string): AppResult<string> {
  if (!PIN_PATTERN.test(pin)) return clientError('pin_format');
  if (pin !== repeated) return clientError('pin_mismatch');
  return ok(pin);
}
