/**
 * Every error code of the app protocol and of the service's transaction API, with its HTTP
 * status (docs/protocols/app.md, table "Errors"; appErrors.docs.test.ts keeps the two equal).
 * The text a client shows is `app.error.<code>` in src/i18n/app.ts, in the request's language.
 */
export const appErrorStatus = {
  invalid_request: 400,
  invalid_client: 401,
  not_found: 404,
  activation_expired: 410,
  wrong_code: 400,
  wrong_temporary_pin: 400,
  code_blocked: 410,
  code_expired: 410,
  wrong_step: 409,
  too_many_devices: 409,
  invalid_device_signature: 401,
  pin_blocked: 423,
  wrong_pin: 400,
  transaction_not_pending: 409,
  invalid_approval: 400,
  biometrics_not_allowed: 409,
  request_too_large: 413,
  rate_limited: 429,
  server_error: 500,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

/** Fields some errors carry besides `error` and `message`. */
export interface AppErrorDetails {
  attemptsLeft?: number;
  until?: number;
  permanent?: boolean;
  /** invalid_request for a text a person would see: the field, and what is wrong with it. */
  field?: string;
  problem?: string;
}

/** A refusal with a stable code; thrown by a step, answered by sendAppError. */
export class AppProtocolError extends Error {
  override name = 'AppProtocolError';
  readonly code: AppErrorCode;
  readonly status: number;
  readonly details: AppErrorDetails;
  constructor(code: AppErrorCode, details: AppErrorDetails = {}) {
    super(code);
    this.code = code;
    this.status = appErrorStatus[code];
    this.details = details;
  }
}

export const refuse = (code: AppErrorCode, details?: AppErrorDetails): AppProtocolError =>
  new AppProtocolError(code, details);
