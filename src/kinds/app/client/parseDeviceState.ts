/** The answer of `GET /devices/:id` (docs/protocols/app.md, "A device's own state"). */
import type { Json } from './AppApi.ts';
import { type AppResult, clientError, ok } from './appErrors.ts';

export interface PinState {
  blocked: boolean;
  attemptsLeft?: number;
  /** Blocked until this epoch ms… */
  until?: number;
  /** …or for good: only removing the device and activating again helps. */
  permanent?: boolean;
}

export interface DeviceState {
  deviceId: string;
  userId: string;
  name: string;
  biometrics: boolean;
  biometricsAllowed: boolean;
  pin: PinState;
}

export function parseDeviceState(json: Json): AppResult<DeviceState> {
  const pin = (typeof json.pin === 'object' && json.pin !== null ? json.pin : {}) as Record<string, unknown>;
  if (
    typeof json.deviceId !== 'string' ||
    typeof json.userId !== 'string' ||
    typeof json.name !== 'string' ||
    typeof pin.blocked !== 'boolean'
  ) {
    return clientError('unexpected_response', 'The device state is malformed.');
  }
  const state: PinState = { blocked: pin.blocked };
  if (typeof pin.attemptsLeft === 'number') state.attemptsLeft = pin.attemptsLeft;
  if (typeof pin.until === 'number') state.until = pin.until;
  if (pin.permanent === true) state.permanent = true;
  return ok({
    deviceId: json.deviceId,
    userId: json.userId,
    name: json.name,
    biometrics: json.biometrics === true,
    biometricsAllowed: json.biometricsAllowed !== false,
    pin: state,
  });
}
