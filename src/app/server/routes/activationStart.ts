/**
 * Step 1: POST /api/app/v1/activations { userId, deviceName, transferCode? }. Rules:
 * - an unknown user-ID (or one whose MitID is blocked or revoked) gets the same answer as a
 *   known one; its flow has no identity and fails at the code like a person with no live code;
 * - with a transfer code from an existing app (5 minutes, single use, 3 tries) the flow starts at
 *   the temporary PIN, which is sent at once; a wrong transfer code starts no flow;
 * - the device's id is chosen here: it names the OPAQUE registration of the PIN.
 */
import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../../identity/Identity.ts';
import { transferCodePolicy, transferFlow } from '../appCodePolicies.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { codeRefusal } from '../codeRefusal.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { text } from '../fields.ts';
import { langOf } from '../langOf.ts';
import { sendTemporaryPin } from '../sendTemporaryPin.ts';
import { activationRateLimit } from './activationAt.ts';

const mayActivate = (i: Identity | undefined): i is Identity =>
  i !== undefined && (i.status === 'pending_activation' || i.status === 'active');

export function registerActivationStart(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const body = bodyOf(req);
      const userId = text(body, 'userId', 64);
      const deviceName = text(body, 'deviceName', 64);
      const transferCode = body.transferCode === undefined ? undefined : text(body, 'transferCode', 20);
      const found = await ctx.identities.getByUserId(userId);
      const identity = mayActivate(found) ? found : undefined;
      const now = ctx.now();
      const fresh = { id: ctx.newId(), deviceId: ctx.newId(), deviceName };

      if (transferCode === undefined) {
        const a = await ctx.activations.create(
          { ...fresh, identityId: identity?.id ?? null, via: 'activationCode', step: 'activationCode' },
          now,
        );
        req.log.info({ activationId: a.id }, 'app activation started');
        return reply.code(201).header('cache-control', 'no-store').send({
          activationId: a.id,
          expiresAt: a.expiresAt,
          next: 'activationCode',
        });
      }

      if (!identity) throw refuse('code_expired'); // as a person with no live transfer code
      const verified = await ctx.codes.verify(transferFlow(identity.id), transferCodePolicy, transferCode);
      if (!verified.ok) throw codeRefusal(verified, 'wrong_code');
      if ((await ctx.devices.countActive(identity.id)) >= MAX_ACTIVE_DEVICES)
        throw refuse('too_many_devices');
      const a = await ctx.activations.create(
        { ...fresh, identityId: identity.id, via: 'transferCode', step: 'temporaryPin' },
        now,
      );
      const sent = await sendTemporaryPin(ctx, a, identity, langOf(req.headers['accept-language']));
      req.log.info(
        { activationId: a.id, fromDevice: verified.subject },
        'app activation started with a transfer code',
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          activationId: a.id,
          expiresAt: a.expiresAt,
          next: 'temporaryPin',
          ...sent,
        });
    },
  );
}
