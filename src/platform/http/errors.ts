/**
 * The catalogue of error codes a user or client can see. Each has an HTTP status and a text
 * (`error.<CODE>` in src/i18n/errors.ts). Internals never reach the response: an unknown error
 * becomes ERR_INTERNAL with a reference to the log line.
 */
export const errorStatus = {
  ERR_BAD_REQUEST: 400,
  ERR_UNAUTHORIZED: 401,
  ERR_FORBIDDEN: 403,
  ERR_CSRF: 403,
  ERR_NOT_FOUND: 404,
  ERR_METHOD_NOT_ALLOWED: 405,
  ERR_FLOW_NOT_FOUND: 404,
  ERR_FLOW_EXPIRED: 410,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_RATE_LIMITED: 429,
  ERR_INTERNAL: 500,
  ERR_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(code: ErrorCode, detail?: string) {
    super(detail ?? code);
    this.code = code;
    this.statusCode = errorStatus[code];
  }
}

/** Maps any thrown value to a public error code; only AppError and known framework errors keep theirs. */
export function publicCode(err: unknown): ErrorCode {
  if (err instanceof AppError) return err.code;
  const e = err as { code?: string; statusCode?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('FST_CSRF')) return 'ERR_CSRF';
  switch (e?.statusCode) {
    case 400:
      return 'ERR_BAD_REQUEST';
    case 403:
      return 'ERR_FORBIDDEN';
    case 404:
      return 'ERR_NOT_FOUND';
    case 405:
      return 'ERR_METHOD_NOT_ALLOWED';
    case 413:
      return 'ERR_PAYLOAD_TOO_LARGE';
    case 415:
      return 'ERR_BAD_REQUEST';
    case 429:
      return 'ERR_RATE_LIMITED';
    default:
      return 'ERR_INTERNAL';
  }
}
