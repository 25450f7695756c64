/**
 * A per-client limit on a server-to-server API, counted in the database (RateCounters) so every
 * node sees it: RATE_LIMIT_PER_CLIENT calls a minute per authenticated client. Rules:
 * - only a call whose client authentication succeeds is counted, against that client: a stranger
 *   who names a client with a wrong secret spends none of its budget (and is answered by the
 *   route, as before);
 * - the hit is counted before the route's work; beyond the limit the answer is `refuse()` with
 *   Retry-After.
 * Used as the route's preHandler: { config: …, preHandler: perClient({ … }) }.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { RATE_WINDOW_MS } from './perAddress.ts';
import { RateCounters } from './RateCounters.ts';

export interface PerClientOptions {
  db: ConstructorParameters<typeof RateCounters>[0];
  clock: Clock;
  /** Names the counters, e.g. `ra-api`. */
  scope: string;
  /** Calls a minute per client (RATE_LIMIT_PER_CLIENT). */
  max: number;
  /** The client the request authenticates as, if its credentials are right. */
  authenticate(authorization: string | undefined): { id: string } | undefined;
  /** The error the API answers a client over its limit with. */
  refuse(): Error;
}

export function perClient(opts: PerClientOptions) {
  const counters = new RateCounters(opts.db);
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const client = opts.authenticate(req.headers.authorization);
    if (!client) return;
    const hit = await counters.hit(
      opts.scope,
      client.id,
      opts.max,
      RATE_WINDOW_MS,
      opts.clock.now().getTime(),
    );
    if (hit.ok) return;
    reply.header('retry-after', String(Math.ceil(hit.retryAfterMs / 1000)));
    throw opts.refuse();
  };
}
