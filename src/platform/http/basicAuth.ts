/**
 * HTTP Basic client authentication (RFC 7617), with the id and secret form-urlencoded first as
 * OAuth clients do (RFC 6749 §2.3.1). One parser for every endpoint that authenticates clients,
 * one builder for every caller.
 */

export interface BasicCredentials {
  id: string;
  secret: string;
}

const formDecode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));

/** The id and secret of an `Authorization: Basic …` header, or undefined when it is not one. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]{1,400})\s*$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined; // malformed percent-encoding
  }
}

/** The `Authorization` header value for a client's id and secret. */
export function basicAuthHeader(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}
