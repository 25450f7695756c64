/**
 * The app protocol's error codes (docs/protocols/app.md, table "Errors"), as a thin adapter over
 * the one error catalogue (src/core/errors): each app/v1 name is the `wire['app/v1']` of one
 * catalogue code, so a step keeps refusing with the names the protocol publishes
 * (`throw refuse('wrong_pin', { attemptsLeft })`) and the answer is written by useErrors' JSON
 * writer, the message in the request's language (errors.docs.test.ts keeps the doc and the
 * catalogue equal).
 */
import {
  type ErrorCode,
  type ErrorDetails,
  errors,
  type MitidError,
  refuse as refuseWith,
} from '../../../core/errors/index.ts';

/** The canonical code of every app/v1 name. */
const codeOf = {
  invalid_request: 'ERR_BAD_REQUEST',
  invalid_client: 'ERR_INVALID_CLIENT',
  not_found: 'ERR_NOT_FOUND',
  activation_expired: 'ERR_ACTIVATION_EXPIRED',
  wrong_code: 'ERR_CODE_WRONG',
  wrong_temporary_pin: 'ERR_TEMPORARY_PIN_WRONG',
  code_blocked: 'ERR_CODE_BLOCKED',
  code_expired: 'ERR_CODE_EXPIRED',
  wrong_step: 'ERR_WRONG_STEP',
  too_many_devices: 'ERR_TOO_MANY_AUTHENTICATORS',
  invalid_device_signature: 'ERR_DEVICE_SIGNATURE',
  pin_blocked: 'ERR_PIN_BLOCKED',
  wrong_pin: 'ERR_PIN_WRONG',
  transaction_not_pending: 'ERR_AUTHENTICATION_NOT_PENDING',
  invalid_approval: 'ERR_APPROVAL_INVALID',
  biometrics_not_allowed: 'ERR_BIOMETRICS_NOT_ALLOWED',
  wrong_channel_proof: 'ERR_CHANNEL_PROOF_WRONG',
  request_too_large: 'ERR_PAYLOAD_TOO_LARGE',
  rate_limited: 'ERR_RATE_LIMITED',
  server_error: 'ERR_INTERNAL',
} as const satisfies Record<string, ErrorCode>;

export type AppErrorCode = keyof typeof codeOf;

/** The app/v1 name of each code must be the name this table gives it: a mismatch fails the type-check. */
type WireOf<C extends ErrorCode> = (typeof errors)[C] extends { wire: { 'app/v1': infer W } } ? W : never;
type Mismatch = { [N in AppErrorCode]: WireOf<(typeof codeOf)[N]> extends N ? never : N }[AppErrorCode];
export const appNamesChecked: [Mismatch] extends [never] ? true : Mismatch = true;

/** Every app/v1 code with its HTTP status, from the catalogue. */
export const appErrorStatus = Object.fromEntries(
  Object.entries(codeOf).map(([name, code]) => [name, errors[code].status]),
) as Record<AppErrorCode, number>;

/** Fields some errors carry besides `error`, `message` and `reference`. */
export type AppErrorDetails = ErrorDetails;

/** A refusal of the app protocol: a catalogue refusal (MitidError), thrown by a step. */
export type AppProtocolError = MitidError;

export const refuse = (code: AppErrorCode, details?: AppErrorDetails): AppProtocolError =>
  refuseWith(codeOf[code], details);
