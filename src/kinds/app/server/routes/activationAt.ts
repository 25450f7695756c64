/** The one way an activation step gets its flow: by id, not expired, at this step. */
import type { FastifyRequest } from 'fastify';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import type { Activation, ActivationStep } from '../ActivationStore.ts';
import { refuse } from '../appErrors.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { idParam } from '../fields.ts';

export async function activationAt(
  ctx: AppServerContext,
  req: FastifyRequest,
  step: ActivationStep,
): Promise<Activation> {
  const activation = await ctx.activations.get(idParam(req.params, 'id'));
  if (!activation) throw refuse('not_found');
  if (activation.expiresAt <= ctx.now()) throw refuse('activation_expired');
  if (activation.step !== step) throw refuse('wrong_step');
  return activation;
}

/** Rate limit of the activation steps, per client address (RATE_LIMIT_ACTIVATION). */
export const activationRateLimit = { max: perAddressMax('activation'), timeWindow: 60_000 };
