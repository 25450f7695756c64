/**
 * Step 4: POST /api/app/v1/activations/:id/pin { registrationRequest }. Rules: only at this step;
 * the OPAQUE registration request (made from the PIN on the device; the PIN never comes here) is
 * answered for the device id chosen at step 1; a malformed request changes nothing; the flow
 * moves on once, so a second registration is refused.
 */
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u } from '../fields.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

export function registerPinStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/pin',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const a = await activationAt(ctx, req, 'pin');
      const registrationRequest = b64u(bodyOf(req), 'registrationRequest', 200);
      let registrationResponse: string;
      try {
        ({ registrationResponse } = opaque.server.createRegistrationResponse({
          serverSetup: ctx.opaqueSetup,
          userIdentifier: a.deviceId,
          registrationRequest,
        }));
      } catch {
        throw refuse('invalid_request');
      }
      if (!(await ctx.activations.advance(a.id, 'pin', 'finish', ctx.now()))) throw refuse('wrong_step');
      return reply.header('cache-control', 'no-store').send({ registrationResponse });
    },
  );
}
