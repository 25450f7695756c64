/**
 * Registration authorities: the banks that may start an enrollment for a customer they have
 * identified. Configured, never self-registered; authenticated by HTTP Basic with their secret.
 * A return URL must lie on the authority's own origin.
 */
import type { Config } from '../../config/config.ts';
import type { Secrets } from '../../config/secrets.ts';
import { parseBasicAuth } from '../../platform/http/basicAuth.ts';
import { sameSecret } from '../../platform/sameSecret.ts';

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

/** The client named by an `Authorization: Basic` header, if its secret is right (constant time). */
export function authenticateRa(
  clients: readonly RaClient[],
  header: string | undefined,
): RaClient | undefined {
  const creds = parseBasicAuth(header);
  if (!creds) return undefined;
  const client = clients.find((c) => c.id === creds.id);
  // Compared even for an unknown client, so the time taken does not tell which ids exist.
  const ok = sameSecret(client?.secret ?? 'no such client', creds.secret);
  return client && ok ? client : undefined;
}

export function returnUrlAllowed(client: RaClient, url: string): boolean {
  try {
    return new URL(url).origin === client.origin;
  } catch {
    return false;
  }
}
