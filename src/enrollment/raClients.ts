/**
 * Registration authorities: the banks that may start an enrollment for a customer they have
 * identified. Configured, never self-registered; authenticated by HTTP Basic with their secret.
 * A return URL must lie on the authority's own origin.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { Secrets } from '../config/secrets.ts';

export interface RaClient {
  id: string;
  /** Shown on the wizard's pages: "Du får MitID gennem {name}". */
  name: string;
  origin: string;
  secret: string;
}

export function raClients(config: Config, secrets: Secrets): RaClient[] {
  return [{ id: 'minbank', name: 'Min Bank', origin: config.bankUrl, secret: secrets.bankClientSecret }];
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The client named by an `Authorization: Basic` header, if its secret is right (constant time). */
export function authenticateRa(
  clients: readonly RaClient[],
  header: string | undefined,
): RaClient | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]{1,400})$/.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  let id: string;
  let secret: string;
  try {
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  } catch {
    return undefined;
  }
  const client = clients.find((c) => c.id === id);
  const ok = timingSafeEqual(digest(client?.secret ?? 'no such client'), digest(secret));
  return client && ok ? client : undefined;
}

export function returnUrlAllowed(client: RaClient, url: string): boolean {
  try {
    return new URL(url).origin === client.origin;
  } catch {
    return false;
  }
}
