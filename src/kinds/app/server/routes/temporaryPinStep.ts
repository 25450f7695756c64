/**
 * Step 3: POST /api/app/v1/activations/:id/temporary-pin { temporaryPin }. Rules: only at this
 * step; 8 digits, 15 minutes, 3 tries, single use (OneTimeCodes with temporaryPinPolicy); then
 * the flow moves to the PIN, once.
 */
import type { FastifyInstance } from 'fastify';
import { temporaryPinFlow, temporaryPinPolicy } from '../appCodePolicies.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { codeRefusal } from '../codeRefusal.ts';
import { text } from '../fields.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

export function registerTemporaryPinStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/temporary-pin',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const a = await activationAt(ctx, req, 'temporaryPin');
      const pin = text(bodyOf(req), 'temporaryPin', 20);
      const verified = await ctx.codes.verify(temporaryPinFlow(a.id), temporaryPinPolicy, pin);
      if (!verified.ok) throw codeRefusal(verified, 'wrong_temporary_pin');
      if (!(await ctx.activations.advance(a.id, 'temporaryPin', 'pin', ctx.now())))
        throw refuse('wrong_step');
      req.log.info({ activationId: a.id }, 'app temporary PIN accepted');
      return reply.header('cache-control', 'no-store').send({ next: 'pin' });
    },
  );
}
