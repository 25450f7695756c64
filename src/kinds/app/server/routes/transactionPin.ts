/**
 * POST /api/app/v1/devices/:id/transactions/:tx/pin { startLoginRequest } (signed): the start of
 * an OPAQUE login with the device's PIN record. Rules:
 * - the transaction is the person's and pending;
 * - the PIN is not blocked (423 pin_blocked with until, or permanent);
 * - the attempt is counted HERE, before anything is compared (DeviceStore.countPinAttempt): a
 *   wrong PIN and an abandoned attempt cost the same; a right one, finished at the decision,
 *   resets the count;
 * - the server's login state is sealed to this transaction and device until the decision.
 * Answer: { loginResponse, attemptsLeft } (the tries left if this one turns out wrong).
 */
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import { loginStateBinding } from '../../../../core/codes/index.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u } from '../fields.ts';
import { attemptsLeftAfter } from '../pinLimits.ts';
import { blockedDetails } from '../pinStatus.ts';
import { pendingTransaction } from './pendingTransaction.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

export function registerTransactionPin(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/devices/:id/transactions/:tx/pin',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
      preHandler: signedDevice(ctx),
    },
    async (req, reply) => {
      const signed = deviceOf(req);
      const { device } = signed;
      const tx = await pendingTransaction(ctx, req, signed);
      const startLoginRequest = b64u(bodyOf(req), 'startLoginRequest', 200);
      let login: { serverLoginState: string; loginResponse: string };
      try {
        login = opaque.server.startLogin({
          serverSetup: ctx.opaqueSetup,
          registrationRecord: device.opaqueRecord,
          startLoginRequest,
          userIdentifier: device.id,
        });
      } catch {
        throw refuse('invalid_request');
      }
      const now = ctx.now();
      const counted = await ctx.devices.countPinAttempt(device.id, now);
      if (!counted.ok) {
        if ('gone' in counted.gate) throw refuse('invalid_device_signature');
        if (counted.gate.open) throw refuse('rate_limited'); // reopened between the UPDATE and the read: try again
        throw refuse('pin_blocked', blockedDetails(counted.gate));
      }
      const sealed = ctx.sealer.seal(login.serverLoginState, loginStateBinding(tx.id, device.id));
      if (!(await ctx.authentications.startStep(tx.id, device.id, sealed)))
        throw refuse('transaction_not_pending');
      req.log.info({ deviceId: device.id, transactionId: tx.id }, 'app PIN attempt started');
      return reply
        .header('cache-control', 'no-store')
        .send({ loginResponse: login.loginResponse, attemptsLeft: attemptsLeftAfter(counted.failures) });
    },
  );
}
