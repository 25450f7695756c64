/**
 * Step 2: POST /api/app/v1/activations/:id/activation-code { code }. Rules:
 * - only at this step (409 wrong_step otherwise, nothing changes);
 * - the code from the net bank: OneTimeCodes.verify(identityId, activationCodeSms, code), single
 *   use, counted before compared, blocked after 3 wrong tries, 30 minutes;
 * - a flow without an identity answers as a person with no live code (410 code_expired);
 * - a person with 3 active app devices is refused here already (and again, race-safe, at finish);
 * - then the temporary PIN is sent (sendTemporaryPin) and the flow moves on, once.
 */
import type { FastifyInstance } from 'fastify';
import { activationCodeSms } from '../../../enrollment/codePolicies.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { codeRefusal } from '../codeRefusal.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { text } from '../fields.ts';
import { langOf } from '../langOf.ts';
import { sendTemporaryPin } from '../sendTemporaryPin.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

export function registerActivationCodeStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/activation-code',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const a = await activationAt(ctx, req, 'activationCode');
      const code = text(bodyOf(req), 'code', 20);
      if (!a.identityId) throw refuse('code_expired');
      const verified = await ctx.codes.verify(a.identityId, activationCodeSms, code);
      if (!verified.ok) throw codeRefusal(verified, 'wrong_code');
      const identity = await ctx.identities.getById(a.identityId);
      if (!identity) throw refuse('code_expired');
      if ((await ctx.devices.countActive(identity.id)) >= MAX_ACTIVE_DEVICES)
        throw refuse('too_many_devices');
      if (!(await ctx.activations.advance(a.id, 'activationCode', 'temporaryPin', ctx.now()))) {
        throw refuse('wrong_step');
      }
      const sent = await sendTemporaryPin(ctx, a, identity, langOf(req.headers['accept-language']));
      req.log.info({ activationId: a.id }, 'app activation code accepted');
      return reply.header('cache-control', 'no-store').send({ next: 'temporaryPin', ...sent });
    },
  );
}
