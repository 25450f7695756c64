/**
 * The string a device signs for every call after activation (docs/protocols/app.md, "Signed
 * device requests"): the method, the path with its query exactly as sent, the timestamp header
 * as sent, and the SHA-256 of the body's bytes (of nothing, for a call without a body).
 */
import { sha256b64u } from './base64url.ts';

export function deviceRequestString(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  body: Uint8Array,
): string {
  return `mitid-app-v1\n${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${sha256b64u(body)}`;
}
