/**
 * A device's own state, signed (signedDevice):
 *   GET    /devices/:id                → { deviceId, userId, name, biometrics, biometricsAllowed, pin }
 *   DELETE /devices/:id                → the device is removed for good (the app drops this user)
 *   POST   /devices/:id/users-in-app   { count } → { biometricsAllowed } (more than one user: off)
 *   POST   /devices/:id/transfer-codes → { transferCode, expiresAt } for a new device (5 minutes)
 */
import type { FastifyInstance } from 'fastify';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { formatTransferCode, transferCodePolicy, transferFlow } from '../appCodePolicies.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { intIn } from '../fields.ts';
import { pinStatus } from '../pinStatus.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

export function registerDeviceRoutes(api: FastifyInstance, ctx: AppServerContext): void {
  const opts = {
    config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
    preHandler: signedDevice(ctx),
  };

  api.get('/devices/:id', opts, async (req, reply) => {
    const { device, identity } = deviceOf(req);
    return reply.header('cache-control', 'no-store').send({
      deviceId: device.id,
      userId: identity.userId,
      name: device.name,
      biometrics: device.biometrics !== null,
      biometricsAllowed: device.usersInApp <= 1,
      pin: pinStatus(device.pin, ctx.now()),
    });
  });

  api.delete('/devices/:id', opts, async (req, reply) => {
    const { device, identity } = deviceOf(req);
    // Revoked for good: its authentications in a step are cancelled (hook), its biometrics dropped.
    await ctx.authenticators.revoke(device.id, identity.id);
    await ctx.devices.dropInFlight(ctx.deps.db, device.id, true);
    req.log.info({ deviceId: device.id }, 'app device removed');
    return reply.header('cache-control', 'no-store').send({ removed: true });
  });

  api.post('/devices/:id/users-in-app', opts, async (req, reply) => {
    const { device } = deviceOf(req);
    const count = intIn(bodyOf(req), 'count', 1, 20);
    await ctx.devices.setUsersInApp(device.id, count);
    return reply.header('cache-control', 'no-store').send({ biometricsAllowed: count <= 1 });
  });

  api.post('/devices/:id/transfer-codes', opts, async (req, reply) => {
    const { device, identity } = deviceOf(req);
    if ((await ctx.authenticators.countActive(identity.id, 'app')) >= MAX_ACTIVE_DEVICES)
      throw refuse('too_many_devices');
    // A new code replaces the previous one; only a signed device can ask, so sends need no limit.
    await ctx.codes.deleteFlow(transferFlow(identity.id));
    const issued = await ctx.codes.issue(transferFlow(identity.id), transferCodePolicy, device.id);
    if (!issued.ok) throw refuse('rate_limited');
    req.log.info({ deviceId: device.id }, 'app transfer code issued');
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({ transferCode: formatTransferCode(issued.code), expiresAt: issued.expiresAt });
  });
}
