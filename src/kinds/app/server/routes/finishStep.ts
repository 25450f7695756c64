/**
 * Step 5: POST /api/app/v1/activations/:id/finish
 *   { registrationRecord, publicKey, notifyEveryUse?, usersInApp? }. Rules:
 * - only at this step, for a flow with an identity;
 * - the OPAQUE record must be one (it is opened once here); the public key is an EC P-256 JWK
 *   without a private part (parsePublicJwk);
 * - the device, the identity's status, the enrollment and the 3-device limit change together
 *   (activateDevice); a 4th device is refused and the flow stays at this step;
 * - in the same transaction the person's warning by SMS and e-mail, in Danish and English, is
 *   enqueued (the authenticator.activated hook: notifyNewDevice) and the answer kept (stepAnswers.ts): a crash before the commit
 *   leaves no device and the flow at this step; after it, the same finish again (same record,
 *   key and choices) gets the same device, and the outbox worker delivers the warning.
 */
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import { IdentityStore } from '../../../../core/identity/index.ts';
import { wakeDelivery } from '../../../../core/messages/index.ts';
import { activateDevice } from '../activateDevice.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u, idParam, intIn, optionalBoolean } from '../fields.ts';
import { parsePublicJwk } from '../parsePublicJwk.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

/** Whether `record` is an OPAQUE registration record: the server opens it for a throwaway login. */
function isOpaqueRecord(ctx: AppServerContext, record: string, deviceId: string): boolean {
  try {
    const { startLoginRequest } = opaque.client.startLogin({ password: ctx.deps.random.token(16) });
    opaque.server.startLogin({
      serverSetup: ctx.opaqueSetup,
      registrationRecord: record,
      startLoginRequest,
      userIdentifier: deviceId,
    });
    return true;
  } catch {
    return false;
  }
}

/** What makes two finishes the same request: the same record, key and choices, as sent. */
const sameFinish = (body: Record<string, unknown>): unknown => [
  body.registrationRecord,
  body.publicKey,
  body.notifyEveryUse ?? false,
  body.usersInApp ?? 1,
];

export function registerFinishStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/finish',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const body = bodyOf(req);
      const request = sameFinish(body);
      const repeat = () =>
        ctx.answers.repeated(idParam(req.params, 'id'), 'finish', 'done', request, ctx.now());
      const before = await repeat();
      if (before) return reply.code(201).header('cache-control', 'no-store').send(before);
      const a = await activationAt(ctx, req, 'finish');
      const registrationRecord = b64u(body, 'registrationRecord', 400);
      const publicKey = parsePublicJwk(body.publicKey);
      const notifyEveryUse = optionalBoolean(body, 'notifyEveryUse', false);
      const usersInApp = intIn(body, 'usersInApp', 1, 20, 1);
      if (!publicKey || !isOpaqueRecord(ctx, registrationRecord, a.deviceId)) throw refuse('invalid_request');
      if (!a.identityId) throw refuse('wrong_step'); // cannot happen: such a flow never gets here
      const now = ctx.now();
      let answer: { deviceId: string; userId: string } = { deviceId: a.deviceId, userId: '' };
      const result = await activateDevice(
        ctx.deps.db,
        ctx.authenticators,
        a.id,
        {
          id: a.deviceId,
          identityId: a.identityId,
          name: a.deviceName,
          publicKey,
          opaqueRecord: registrationRecord,
          notifyEveryUse,
          usersInApp,
        },
        now,
        async (trx) => {
          // The new-device warning was queued by the authenticator.activated hook.
          const identity = await new IdentityStore(trx).getById(a.identityId ?? '');
          answer = { deviceId: a.deviceId, userId: identity?.userId ?? '' };
          await ctx.answers.keep(trx, a.id, 'finish', request, answer);
        },
      );
      if (!result.ok) {
        // A parallel finish with the same request won while this one waited.
        const late = result.reason === 'wrongStep' ? await repeat() : undefined;
        if (late) return reply.code(201).header('cache-control', 'no-store').send(late);
        throw refuse(
          result.reason === 'tooManyDevices'
            ? 'too_many_devices'
            : result.reason === 'wrongStep'
              ? 'wrong_step'
              : 'code_expired',
        );
      }
      wakeDelivery(ctx.deps.db); // the warning was committed with the device
      req.log.info({ activationId: a.id, deviceId: a.deviceId }, 'app device activated');
      return reply.code(201).header('cache-control', 'no-store').send(answer);
    },
  );
}
