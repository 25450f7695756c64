/**
 * Step 2: POST /api/app/v1/activations/:id/activation-code { code }. Rules:
 * - only at this step (409 wrong_step otherwise, nothing changes);
 * - the code from the net bank, checked by redeemActivationCode: 3 tries per flow, 15 per code,
 *   counted before compared, single use, 30 minutes; every code that is not the live one answers
 *   alike (`wrong_code` with the flow's tries left, then `code_blocked`), a flow without an
 *   identity included;
 * - a person with 3 active app devices is refused here already (and again, race-safe, at finish);
 * - then the temporary PIN is sent (sendTemporaryPin) and the flow moves on, once.
 */
import type { FastifyInstance } from 'fastify';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { text } from '../fields.ts';
import { langOf } from '../langOf.ts';
import { redeemActivationCode } from '../redeemActivationCode.ts';
import { sendTemporaryPin } from '../sendTemporaryPin.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

export function registerActivationCodeStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/activation-code',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const a = await activationAt(ctx, req, 'activationCode');
      const code = text(bodyOf(req), 'code', 20);
      const redeemed = await redeemActivationCode(ctx, a, code);
      if (!redeemed.ok) throw redeemed.refusal;
      const identity = await ctx.identities.getById(redeemed.identityId);
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
