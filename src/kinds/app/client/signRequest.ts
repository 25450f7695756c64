/**
 * Signed device requests (docs/protocols/app.md, "Signed device requests"). Rules:
 * - the string signed is "mitid-app-v1\n" METHOD "\n" PATH_WITH_QUERY "\n" TIMESTAMP "\n"
 *   base64url(SHA-256(body)), where body is the exact bytes sent ("" when there is none);
 * - METHOD is upper case; PATH_WITH_QUERY is the URL's path and query as sent, from the leading
 *   "/" (so including /api/app/v1);
 * - TIMESTAMP is epoch milliseconds from the injected clock (the server allows ±60 s).
 */
import { sha256Base64url } from './base64url.ts';
import { type DeviceKey, signP1363 } from './deviceKey.ts';

export interface RequestToSign {
  method: string;
  pathWithQuery: string;
  timestamp: number;
  body: string;
}

export function canonicalRequest(r: RequestToSign): string {
  if (!r.pathWithQuery.startsWith('/')) throw new Error('pathWithQuery must start with "/"');
  return [
    'mitid-app-v1',
    r.method.toUpperCase(),
    r.pathWithQuery,
    String(r.timestamp),
    sha256Base64url(r.body),
  ].join('\n');
}

export interface DeviceSignatureHeaders {
  'x-mitid-device': string;
  'x-mitid-timestamp': string;
  'x-mitid-signature': string;
}

export function signRequest(deviceId: string, key: DeviceKey, r: RequestToSign): DeviceSignatureHeaders {
  return {
    'x-mitid-device': deviceId,
    'x-mitid-timestamp': String(r.timestamp),
    'x-mitid-signature': signP1363(key, canonicalRequest(r)),
  };
}
