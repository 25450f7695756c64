/**
 * One call to the app API (`/api/app/v1`), signed with the device key when a device is named.
 * Rules:
 * - the body is serialised once, and those exact bytes are both hashed for the signature and sent;
 * - the path signed is the URL's path and query as fetch sends them;
 * - an error answer `{ error, message, attemptsLeft?, until?, permanent? }` with a documented code
 *   becomes an AppError with the HTTP status; anything else is `unexpected_response`, and a
 *   failed connection `network_error` — never a thrown exception.
 */
import type { Clock } from '../../../platform/clock.ts';
import { type AppError, type AppResult, clientError, isServerErrorCode, ok } from './appErrors.ts';
import { DeviceTimestamps } from './DeviceTimestamps.ts';
import type { DeviceKey } from './deviceKey.ts';
import { signRequest } from './signRequest.ts';

export const API_PREFIX = '/api/app/v1';

export interface AppApiOptions {
  fetch?: typeof fetch;
  clock: Clock;
  /** Sent as Accept-Language: the server's messages come back in it. */
  lang?: string;
  timeoutMs?: number;
  /**
   * Where signed calls take their timestamps: share one per app (MitidAppClient does) so that
   * calls at once for one device never share one. Without it, this AppApi keeps its own.
   */
  timestamps?: DeviceTimestamps;
}

export interface Signer {
  deviceId: string;
  key: DeviceKey;
}

export type Json = Record<string, unknown>;

export class AppApi {
  readonly serverUrl: string;
  readonly #options: AppApiOptions;
  // The server refuses the same signed content twice (a replay): see DeviceTimestamps.
  readonly #timestamps: DeviceTimestamps;

  constructor(serverUrl: string, options: AppApiOptions) {
    this.serverUrl = serverUrl;
    this.#options = options;
    this.#timestamps = options.timestamps ?? new DeviceTimestamps(undefined, options.clock);
  }

  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: Json,
    signer?: Signer,
  ): Promise<AppResult<Json>> {
    const url = new URL(`${API_PREFIX}${path}`, this.serverUrl);
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.#options.lang ?? 'en',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (signer) {
      const timestamp = await this.#timestamps.next(signer.deviceId);
      if (!timestamp.ok) return timestamp;
      Object.assign(
        headers,
        signRequest(signer.deviceId, signer.key, {
          method,
          pathWithQuery: url.pathname + url.search,
          timestamp: timestamp.value,
          body: text,
        }),
      );
    }
    let res: Response;
    try {
      res = await (this.#options.fetch ?? fetch)(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: text }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      return clientError('network_error', `${url.origin} could not be reached (${describeCause(e)}).`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (res.ok && isObject(json)) return ok(json);
    if (!res.ok && isObject(json) && isServerErrorCode(json.error))
      return { ok: false, error: serverError(res.status, json) };
    return clientError(
      'unexpected_response',
      `${method} ${url.pathname} answered ${res.status}${isObject(json) && typeof json.error === 'string' ? ` (${json.error})` : ''}.`,
    );
  }
}

function serverError(status: number, json: Json): AppError {
  const error: AppError = {
    code: json.error as AppError['code'],
    status,
    message: typeof json.message === 'string' && json.message ? json.message : String(json.error),
  };
  if (typeof json.attemptsLeft === 'number') error.attemptsLeft = json.attemptsLeft;
  if (typeof json.until === 'number') error.until = json.until;
  if (json.permanent === true) error.permanent = true;
  return error;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code ?? (e as Error).name ?? 'error';
}

/** The string fields `names` of a 2xx answer, or `unexpected_response` naming the first missing. */
export function stringFields<K extends string>(json: Json, ...names: K[]): AppResult<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const v = json[name];
    if (typeof v !== 'string' || v.length === 0) {
      return clientError('unexpected_response', `The server's answer lacks "${name}".`);
    }
    out[name] = v;
  }
  return ok(out);
}
