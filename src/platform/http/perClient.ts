/**
 * A per-client limit on a server-to-server API, counted in the database (RateCounters) so every
 * node sees it: RATE_LIMIT_PER_CLIENT calls a minute per authenticated client. Rules:
 * - only a call whose client authentication succeeds is counted, against that client: a stranger
 *   who names a client with a wrong secret spends none of its budget (and is answered by the
 *   route, as before);
 * - the hit is counted before the route's work; beyond the limit the answer is `refuse()` with
 *   Retry-After;
 * - the client is authenticated once per request, here: the route reads the same result with
 *   `clientOf(req)` (undefined: the credentials were wrong, and the route answers invalid_client).
 * Used as { config: …, preHandler: limit.preHandler } with `const limit = perClient({ … })`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { RATE_WINDOW_MS } from './perAddress.ts';
import { RateCounters } from './RateCounters.ts';

export interface PerClientOptions<C extends { id: string }> {
  db: ConstructorParameters<typeof RateCounters>[0];
  clock: Clock;
  /** Names the counters, e.g. `ra-api`. */
  scope: string;
  /** Calls a minute per client (RATE_LIMIT_PER_CLIENT). */
  max: number;
  /** The client the request authenticates as, if its credentials (and permission) are right. */
  authenticate(authorization: string | undefined): Promise<C | undefined> | C | undefined;
  /** The error the API answers a client over its limit with. */
  refuse(): Error;
}

export interface PerClient<C> {
  preHandler(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The preHandler's result for this request. */
  clientOf(req: FastifyRequest): C | undefined;
}

export function perClient<C extends { id: string }>(opts: PerClientOptions<C>): PerClient<C> {
  const counters = new RateCounters(opts.db);
  // The request's authentication, kept for its route (gone with the request).
  const authenticated = new WeakMap<FastifyRequest, C | null>();
  return {
    async preHandler(req, reply) {
      const client = await opts.authenticate(req.headers.authorization);
      authenticated.set(req, client ?? null);
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
    },
    clientOf(req) {
      const client = authenticated.get(req);
      // A route that reads this without the preHandler in front of it is a wiring mistake.
      if (client === undefined) throw new Error('perClient: the preHandler did not run for this request');
      return client ?? undefined;
    },
  };
}
