/**
 * The app protocol's calls (docs/protocols/app.md): JSON over HTTPS under /api/app/v1. After
 * activation every call names the device and is signed with its key:
 *   "mitid-app-v1\n" + METHOD + "\n" + PATH_WITH_QUERY + "\n" + TIMESTAMP + "\n" + base64url(SHA-256(body))
 */
import { sha256, toB64url, utf8 } from './b64.js';
import { signText } from './deviceKey.js';
import { takeTimestamp } from './deviceTimestamps.js';
import { lang } from './texts.js';

export const API = '/api/app/v1';

/** A refusal from the server (its `error` code and fields), or `network` when there was no answer. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? 'unknown');
    this.status = status;
    this.code = typeof body?.error === 'string' ? body.error : status === 429 ? 'rate_limited' : 'unknown';
    this.body = body ?? {};
  }
}

async function send(method, path, bodyText, headers) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        'accept-language': lang,
        ...(bodyText ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(bodyText ? { body: bodyText } : {}),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, { error: 'network' });
  }
  const text = await res.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = {};
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** An unsigned call (activation, before the device has a key the server knows). */
export function call(method, path, body) {
  return send(method, `${API}${path}`, body === undefined ? '' : JSON.stringify(body), {});
}

/** A call signed with `user`'s device key. */
export async function signedCall(user, method, path, body) {
  const fullPath = `${API}${path}`;
  const bodyText = body === undefined ? '' : JSON.stringify(body);
  // The server refuses the same signed content twice (a replay): one increasing timestamp per device.
  const timestamp = String(await takeTimestamp(user.deviceId));
  const bodyHash = toB64url(await sha256(utf8(bodyText)));
  const message = `mitid-app-v1\n${method}\n${fullPath}\n${timestamp}\n${bodyHash}`;
  return send(method, fullPath, bodyText, {
    'x-mitid-device': user.deviceId,
    'x-mitid-timestamp': timestamp,
    'x-mitid-signature': await signText(user.privateKey, message),
  });
}
