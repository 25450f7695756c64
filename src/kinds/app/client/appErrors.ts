/**
 * Every error the client can return, with a stable code (style rule 3). The server's codes are the
 * table at the end of docs/protocols/app.md (a test keeps the two in step); the client's own codes
 * say what went wrong before or around a call. An error is a value, never thrown across the API.
 */

/** The server's error codes: the doc's table. */
export const serverErrorCodes = [
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
  'not_found',
  'activation_expired',
  'biometrics_not_allowed',
  'rate_limited',
  'request_too_large',
  'server_error',
  'invalid_client',
] as const;

/** Errors found by the client itself. */
export const clientErrorCodes = {
  /** The server could not be reached (connection refused, DNS, timeout). */
  network_error: 'The server could not be reached.',
  /** The server answered with something the protocol does not describe. */
  unexpected_response: 'The server gave an unexpected answer.',
  /** No user with that user-ID in this app. */
  unknown_user: 'No user with that user-ID in this app.',
  /** The transaction is not among the user's pending transactions. */
  unknown_transaction: 'No pending transaction with that id.',
  /** The server's digest is not the digest of what the client shows: nothing is signed. */
  digest_mismatch: 'The transaction does not match what was shown; it was not signed.',
  /** The user is in this app already, with a device that works. */
  already_activated: 'This user is already in this app.',
  /** Only a CIBA request (a service asked without a browser) can be rejected and reported. */
  not_reportable: 'Only a request a service sent without a browser can be reported.',
  /** Approving this transaction requires the PIN and none was given. */
  pin_required: 'This transaction requires your PIN.',
  /** A new PIN is not 6 digits. */
  pin_format: 'The PIN must be 6 digits.',
  /** The new PIN and its repetition differ. */
  pin_mismatch: 'The two PINs are not the same.',
  /** The activation was asked to do a step it is not at (checked before calling the server). */
  activation_step: 'The activation is not at this step.',
  /** The server URL is not an http(s) URL. */
  invalid_server_url: 'The server URL must be an http:// or https:// URL.',
  /** The app's state directory or a key file is unreadable, malformed or readable by others. */
  state_error: 'The app state could not be read.',
} as const;

export type ServerErrorCode = (typeof serverErrorCodes)[number];
export type ClientErrorCode = keyof typeof clientErrorCodes;
export type AppErrorCode = ServerErrorCode | ClientErrorCode;

export interface AppError {
  code: AppErrorCode;
  /** The server's message (in the Accept-Language's language) or the client's English text. */
  message: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** `wrong_code`, `wrong_temporary_pin`, `wrong_pin`. */
  attemptsLeft?: number;
  /** `pin_blocked`: blocked until this epoch ms… */
  until?: number;
  /** …or for good (only a new activation lifts it). */
  permanent?: boolean;
}

export type AppResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): AppResult<T> => ({ ok: true, value });

export function clientError<T = never>(code: ClientErrorCode, message?: string): AppResult<T> {
  return { ok: false, error: { code, message: message ?? clientErrorCodes[code] } };
}

export function isServerErrorCode(code: unknown): code is ServerErrorCode {
  return typeof code === 'string' && (serverErrorCodes as readonly string[]).includes(code);
}
