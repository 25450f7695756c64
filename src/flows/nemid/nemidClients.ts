/**
 * The clients that may use the NemID login. Configured, never self-registered:
 * - `minbank`: Min Bank, authenticated at the token endpoint by HTTP Basic with its secret;
 * - internal clients (MitID.dk, later) live in the same process and have no secret: they cannot
 *   use the token endpoint and redeem their codes in-process instead.
 * A redirect URI must match a registered one exactly (no open redirect).
 */
import type { Config } from '../../config/config.ts';
import type { Secrets } from '../../config/secrets.ts';
import { sameSecret } from '../../platform/sameSecret.ts';

export interface NemidClient {
  id: string;
  /** Shown in the login box: "Log på hos {name}". A proper name, the same in every language. */
  name: string;
  redirectUris: readonly string[];
  /** Where "back to the service" links go when a flow cannot continue. */
  homeUrl: string;
  /** null for internal clients (no token endpoint access). */
  secret: string | null;
}

export function defaultNemidClients(config: Config, secrets: Secrets): NemidClient[] {
  return [
    {
      id: 'minbank',
      name: 'Min Bank',
      redirectUris: [`${config.bankUrl}/auth/nemid/callback`],
      homeUrl: `${config.bankUrl}/`,
      secret: secrets.bankClientSecret,
    },
  ];
}

export class NemidClientRegistry {
  readonly #clients: ReadonlyMap<string, NemidClient>;
  constructor(clients: readonly NemidClient[]) {
    this.#clients = new Map(clients.map((c) => [c.id, c]));
  }

  get(id: string): NemidClient | undefined {
    return this.#clients.get(id);
  }

  /** The client, if `redirectUri` is one of its registered URIs. */
  forRedirect(id: string, redirectUri: string): NemidClient | undefined {
    const client = this.get(id);
    return client?.redirectUris.includes(redirectUri) ? client : undefined;
  }

  /** The client whose id and secret these are (constant-time on the secret). */
  authenticate(id: string, secret: string): NemidClient | undefined {
    const client = this.get(id);
    // Compared even for an unknown client, so the time taken does not tell which ids exist.
    const ok = sameSecret(client?.secret ?? 'no client: compare against something', secret);
    return client?.secret && ok ? client : undefined;
  }
}
