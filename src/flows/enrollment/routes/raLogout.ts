/**
 * The registration authority's customer logged out: the browser it handed the flow to may no
 * longer use it (the next person at that browser must not carry on someone else's enrollment).
 *
 *   POST /api/ra/v1/enrollments/:id/logout   Authorization: Basic <client_id:secret>
 *   204
 *
 * Rules: the client authenticates with its secret; only the authority that started the flow ends
 * its binding, and an unclaimed hand-over ticket with it; the answer is 204 whatever the id, so it
 * tells nothing about other flows; the flow itself stays and resumes at the next FÅ MITID NU.
 */
import type { FastifyInstance } from 'fastify';
import { refuse } from '../../../core/errors/index.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';
import { raScope } from './raApi.ts';

export function registerRaLogout(app: FastifyInstance, ctx: EnrollmentContext): void {
  raScope(app, (app) =>
    app.post(
      '/api/ra/v1/enrollments/:id/logout',
      { config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        const client = await ctx.clients.authenticateBasic(req.headers.authorization, 'enrollment.start');
        if (!client) throw refuse('ERR_INVALID_CLIENT');
        const id = (req.params as { id: string }).id;
        if (id.length <= 64) {
          const ended = await ctx.enrollments.endBrowser(id, client.id, ctx.deps.clock.now().getTime());
          if (ended)
            req.log.info({ enrollmentId: id, ra: client.id }, 'enrollment browser binding ended by logout');
        }
        return reply.code(204).send();
      },
    ),
  );
}
