/**
 * Step 5: POST /api/app/v1/activations/:id/finish
 *   { registrationRecord, publicKey, notifyEveryUse?, usersInApp? }. Rules:
 * - only at this step, for a flow with an identity;
 * - the OPAQUE record must be one (it is opened once here); the public key is an EC P-256 JWK
 *   without a private part (parsePublicJwk);
 * - the device, the identity's status, the enrollment and the 3-device limit change together
 *   (activateDevice); a 4th device is refused and the flow stays at this step;
 * - then the person is told by SMS and e-mail, in Danish and English (notifyNewDevice).
 */
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import { activateDevice } from '../activateDevice.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u, intIn, optionalBoolean } from '../fields.ts';
import { notifyNewDevice } from '../notifyNewDevice.ts';
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

export function registerFinishStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/finish',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const a = await activationAt(ctx, req, 'finish');
      const body = bodyOf(req);
      const registrationRecord = b64u(body, 'registrationRecord', 400);
      const publicKey = parsePublicJwk(body.publicKey);
      const notifyEveryUse = optionalBoolean(body, 'notifyEveryUse', false);
      const usersInApp = intIn(body, 'usersInApp', 1, 20, 1);
      if (!publicKey || !isOpaqueRecord(ctx, registrationRecord, a.deviceId)) throw refuse('invalid_request');
      if (!a.identityId) throw refuse('wrong_step'); // cannot happen: such a flow never gets here
      const now = ctx.now();
      const result = await activateDevice(
        ctx.deps.db,
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
      );
      if (!result.ok) {
        throw refuse(
          result.reason === 'tooManyDevices'
            ? 'too_many_devices'
            : result.reason === 'wrongStep'
              ? 'wrong_step'
              : 'code_expired',
        );
      }
      const identity = await ctx.identities.getById(a.identityId);
      req.log.info({ activationId: a.id, deviceId: a.deviceId }, 'app device activated');
      if (identity) await notifyNewDevice(ctx, identity, a.deviceName, now);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ deviceId: a.deviceId, userId: identity?.userId ?? '' });
    },
  );
}
