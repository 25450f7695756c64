/**
 * Step 1: POST /api/app/v1/activations { userId, deviceName, transferCode? }. Rules:
 * - an unknown user-ID (or one whose MitID is blocked or revoked) gets the same answer as a
 *   known one, after the same work (activatableIdentityId; every flow gets its decoy code); its
 *   flow has no identity and answers at the code exactly as any flow whose code is wrong;
 * - with a transfer code from an existing app (5 minutes, single use, 3 tries) the flow starts at
 *   the temporary PIN, which is sent at once; a transfer code that does not verify starts no flow
 *   and answers `code_expired` whatever the reason (checkTransferCode);
 * - the device's id is chosen here: it names the OPAQUE registration of the PIN.
 */
import type { FastifyInstance } from 'fastify';
import { activationCodeSms } from '../../../../core/codes/index.ts';
import { activatableIdentityId } from '../activatableIdentityId.ts';
import { decoyFlow } from '../appCodePolicies.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { checkTransferCode } from '../checkTransferCode.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { personText, text } from '../fields.ts';
import { langOf } from '../langOf.ts';
import { sendTemporaryPin } from '../sendTemporaryPin.ts';
import { activationRateLimit } from './activationAt.ts';

export function registerActivationStart(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const body = bodyOf(req);
      const userId = text(body, 'userId', 64);
      const deviceName = personText(body, 'deviceName', 64); // shown in the owner's new-device warning
      const transferCode = body.transferCode === undefined ? undefined : text(body, 'transferCode', 20);
      const identityId = await activatableIdentityId(ctx.deps.db, userId);
      const now = ctx.now();
      const fresh = { id: ctx.newId(), deviceId: ctx.newId(), deviceName };

      if (transferCode === undefined) {
        const a = await ctx.activations.create(
          { ...fresh, identityId: identityId ?? null, via: 'activationCode', step: 'activationCode' },
          now,
        );
        await ctx.codes.plantDecoy(decoyFlow(a.id), activationCodeSms, a.expiresAt);
        req.log.info({ activationId: a.id }, 'app activation started');
        return reply.code(201).header('cache-control', 'no-store').send({
          activationId: a.id,
          expiresAt: a.expiresAt,
          next: 'activationCode',
        });
      }

      const verified = await checkTransferCode(ctx, identityId, transferCode);
      if (!verified.ok) throw verified.refusal;
      const identity = identityId ? await ctx.identities.getById(identityId) : undefined;
      if (!identity) throw refuse('code_expired');
      if ((await ctx.authenticators.countActive(identity.id, 'app')) >= MAX_ACTIVE_DEVICES)
        throw refuse('too_many_devices');
      const a = await ctx.activations.create(
        { ...fresh, identityId: identity.id, via: 'transferCode', step: 'temporaryPin' },
        now,
      );
      const sent = await sendTemporaryPin(ctx, a, identity, langOf(req.headers['accept-language']));
      req.log.info(
        { activationId: a.id, fromDevice: verified.fromDevice },
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
