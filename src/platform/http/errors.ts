/**
 * The shape of an error catalogue, the error a route throws, and how a thrown value becomes the
 * code a person or client is shown (docs/errors.md; decision 0010 §3.4). In the manner of
 * fastify's `createError` and oidc-provider's `expose`:
 *
 *   ErrorDef          one code: its HTTP status, whether it may be shown (else `publicAs`), its
 *                     text id in src/i18n (both languages), its name in each published protocol
 *                     ("vocabulary": the app protocol's `wrong_pin`, RFC 6749's `invalid_grant`),
 *                     the details it may carry and the challenge header it sends
 *   MitidError        a refusal with a code and details, thrown by `refuse(code, details?)`
 *   resolveError      any thrown value → the entry to show; an unknown one is ERR_INTERNAL
 *
 * Platform knows no feature: the entries of the MitID service (src/core/errors/catalogue.ts) are
 * handed to createApp by its composition root; Min Bank gets `platformErrors`, the generic codes
 * below. The wire writers and the scope helper are in errorWire.ts.
 */
import type { MessageId } from '../../i18n/catalogue.ts';

/** The details a refusal may carry besides its code (each entry lists the ones it allows). */
export interface ErrorDetails {
  /** Wrong tries left before the credential is blocked. */
  attemptsLeft?: number;
  /** Until when (epoch ms) a block lasts. */
  until?: number;
  /** A block only a new activation (or support) lifts. */
  permanent?: boolean;
  /** A text a person would see was refused: the field, and what is wrong with it. */
  field?: string;
  problem?: string;
}
export type DetailName = keyof ErrorDetails;
export const detailNames: readonly DetailName[] = ['attemptsLeft', 'until', 'permanent', 'field', 'problem'];

export interface ErrorDef {
  /** The HTTP status, 4xx or 5xx. */
  readonly status: number;
  /** false: never shown as itself; the answer is `publicAs` (or ERR_INTERNAL), the log names it. */
  readonly expose: boolean;
  readonly publicAs?: string;
  /** The person's text (src/i18n); the catalogue's tests check that both languages have it. */
  readonly text: MessageId;
  /** The code a published protocol fixes, by vocabulary ('app/v1', 'ra/v1', 'oauth'). */
  readonly wire?: Readonly<Record<string, string>>;
  /** Another text in one vocabulary (the app protocol keeps the messages it had). */
  readonly wireText?: Readonly<Record<string, MessageId>>;
  /** The details this code may carry; any other detail is dropped from the answer. */
  readonly details?: readonly DetailName[];
  /** A challenge sent with the answer; `{realm}` is the realm of the scope (useErrors). */
  readonly headers?: { readonly 'www-authenticate': string };
}
export type ErrorEntries = Readonly<Record<string, ErrorDef>>;

/**
 * The generic codes of every service: what the framework's own failures (bad JSON, an unknown
 * path, a body too large, the rate limiter) and an unexpected throw are shown as. Min Bank uses
 * these alone; the MitID catalogue starts from them and adds its protocols' names.
 */
export const platformErrors = {
  ERR_BAD_REQUEST: {
    status: 400,
    expose: true,
    text: 'error.ERR_BAD_REQUEST',
    details: ['field', 'problem'],
  },
  ERR_UNAUTHORIZED: { status: 401, expose: true, text: 'error.ERR_UNAUTHORIZED' },
  ERR_FORBIDDEN: { status: 403, expose: true, text: 'error.ERR_FORBIDDEN' },
  ERR_CSRF: { status: 403, expose: true, text: 'error.ERR_CSRF' },
  ERR_NOT_FOUND: { status: 404, expose: true, text: 'error.ERR_NOT_FOUND' },
  ERR_METHOD_NOT_ALLOWED: { status: 405, expose: true, text: 'error.ERR_METHOD_NOT_ALLOWED' },
  ERR_FLOW_NOT_FOUND: { status: 404, expose: true, text: 'error.ERR_FLOW_NOT_FOUND' },
  ERR_FLOW_EXPIRED: { status: 410, expose: true, text: 'error.ERR_FLOW_EXPIRED' },
  ERR_PAYLOAD_TOO_LARGE: { status: 413, expose: true, text: 'error.ERR_PAYLOAD_TOO_LARGE' },
  ERR_RATE_LIMITED: { status: 429, expose: true, text: 'error.ERR_RATE_LIMITED' },
  ERR_INTERNAL: { status: 500, expose: true, text: 'error.ERR_INTERNAL' },
  ERR_UNAVAILABLE: { status: 503, expose: true, text: 'error.ERR_UNAVAILABLE' },
} as const satisfies ErrorEntries;

export type PlatformErrorCode = keyof typeof platformErrors;

/** A refusal with a stable code from the catalogue; thrown by a route, answered by useErrors' writer. */
export class MitidError extends Error {
  override name = 'MitidError';
  readonly code: string;
  readonly details: ErrorDetails;
  constructor(code: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    // The message names the code only: what else the thrower knows may be logged, never shown.
    super(code, options);
    this.code = code;
    this.details = details;
  }
}

/** Platform's own refusals (and Min Bank's): the generic codes only. The MitID catalogue's
 *  `refuse` (src/core/errors) is typed to all of its codes. */
export const refuse = (code: PlatformErrorCode, details?: ErrorDetails): MitidError =>
  new MitidError(code, details);

/** Turns a feature's own refusal (a domain error) into a MitidError, or undefined if it is none. */
export type RefusalMapper = (err: unknown) => MitidError | undefined;

/** What a service hands to createApp: its entries (a superset of platformErrors), its protocols'
 *  vocabularies, and the mappers of its features' domain refusals. */
export interface ErrorCatalogue {
  readonly entries: ErrorEntries;
  readonly vocabularies?: Readonly<Record<string, VocabularyRule>>;
  readonly refusals?: readonly RefusalMapper[];
}

/**
 * How a protocol's vocabulary answers a code it has no name for. `closed`: the protocol's
 * document lists every code it answers (the app protocol), so such a code is answered as the
 * generic code of its class (ERR_NOT_FOUND, ERR_BAD_REQUEST or ERR_INTERNAL, with their names and
 * statuses). Open: as the canonical ERR_* code with its status (docs/errors.md).
 * `shape`: `json` `{ error, message, reference, ...details }`, or `oauth` (RFC 6749 §5.2).
 */
export interface VocabularyRule {
  readonly shape: 'json' | 'oauth';
  readonly closed?: boolean;
}

/** What the writers need to answer one error. */
export interface ResolvedError {
  /** The canonical code shown (after publicAs; ERR_INTERNAL for anything unknown). */
  readonly code: string;
  readonly def: ErrorDef;
  /** The code the log names: the thrown one, even when it is not exposed. */
  readonly logged: string;
  /** Only the details the shown entry allows. */
  readonly details: ErrorDetails;
}

const INTERNAL = 'ERR_INTERNAL';

/** The code of a framework error (fastify's FST_*, the body parser, a plugin), by its status. */
function frameworkCode(err: unknown): string {
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.code === 'string' && e.code.startsWith('FST_CSRF')) return 'ERR_CSRF';
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  switch (status) {
    case 403:
      return 'ERR_FORBIDDEN';
    case 404:
      return 'ERR_NOT_FOUND';
    case 405:
      return 'ERR_METHOD_NOT_ALLOWED';
    case 413:
      return 'ERR_PAYLOAD_TOO_LARGE';
    case 429:
      return 'ERR_RATE_LIMITED';
    default:
      // Any other 4xx of the framework (400, 415 a media type it has no parser for, …) is the
      // client's mistake; anything else is ours.
      return status >= 400 && status < 500 ? 'ERR_BAD_REQUEST' : INTERNAL;
  }
}

/** Keeps the details the entry allows, of the right type (a detail never carries anything else). */
function allowedDetails(def: ErrorDef, details: ErrorDetails): ErrorDetails {
  const out: Record<string, unknown> = {};
  for (const name of def.details ?? []) {
    const v = details[name];
    if (v === undefined) continue;
    const ok =
      name === 'permanent'
        ? typeof v === 'boolean'
        : name === 'field' || name === 'problem'
          ? typeof v === 'string'
          : typeof v === 'number' && Number.isFinite(v);
    if (ok) out[name] = v;
  }
  return out as ErrorDetails;
}

/** Any thrown value → what to show. A MitidError whose code the catalogue lacks is a bug: ERR_INTERNAL. */
export function resolveError(catalogue: ErrorCatalogue, err: unknown): ResolvedError {
  const entries = catalogue.entries;
  let thrown: MitidError | undefined = err instanceof MitidError ? err : undefined;
  for (const map of catalogue.refusals ?? []) {
    if (thrown) break;
    thrown = map(err);
  }
  const logged = thrown ? thrown.code : frameworkCode(err);
  let code = Object.hasOwn(entries, logged) ? logged : INTERNAL;
  let def = entries[code] ?? platformErrors.ERR_INTERNAL;
  if (!def.expose) {
    code = def.publicAs && Object.hasOwn(entries, def.publicAs) ? def.publicAs : INTERNAL;
    def = entries[code] ?? platformErrors.ERR_INTERNAL;
  }
  return { code, def, logged, details: allowedDetails(def, thrown?.details ?? {}) };
}

/** A resolved error as one generic code (a closed vocabulary's fallback, a not-found answer). */
export function resolvedAs(
  catalogue: ErrorCatalogue,
  code: string,
  details: ErrorDetails = {},
): ResolvedError {
  return resolveError(catalogue, new MitidError(code, details));
}
