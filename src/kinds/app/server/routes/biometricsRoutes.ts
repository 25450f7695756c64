/**
 * Biometrics: WebAuthn on the platform authenticator with user verification unlocks the device's
 * use of its key in place of the PIN. Signed (signedDevice):
 *   POST   /devices/:id/biometrics/options         → registration options (challenge kept 5 min, once)
 *   POST   /devices/:id/biometrics { response }    → the credential is stored for the device
 *   DELETE /devices/:id/biometrics                  → turned off
 *   POST   /devices/:id/transactions/:tx/biometrics → authentication options whose challenge is
 *                                                    the transaction's challenge
 * Rules: only while the app holds one user (biometrics_not_allowed); user verification required;
 * the relying party is the MitID host and origin; one credential per device (a new one replaces it).
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import { MINUTE } from '../../../../platform/clock.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import type { Device } from '../DeviceStore.ts';
import { pinGate } from '../pinLimits.ts';
import { blockedDetails } from '../pinStatus.ts';
import { pendingTransaction } from './pendingTransaction.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

const TIMEOUT_MS = 2 * MINUTE;
const CHALLENGE_TTL_MS = 5 * MINUTE;

function allowed(device: Device): void {
  if (device.usersInApp > 1) throw refuse('biometrics_not_allowed');
}

export function registerBiometricsRoutes(api: FastifyInstance, ctx: AppServerContext): void {
  const opts = {
    config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
    preHandler: signedDevice(ctx),
  };

  api.post('/devices/:id/biometrics/options', opts, async (req, reply) => {
    const { device, identity } = deviceOf(req);
    allowed(device);
    const options = await generateRegistrationOptions({
      rpName: ctx.rp.name,
      rpID: ctx.rp.id,
      userName: identity.userId,
      userID: new Uint8Array(Buffer.from(device.id, 'utf8')),
      challenge: new Uint8Array(Buffer.from(ctx.deps.random.token(32), 'base64url')),
      timeout: TIMEOUT_MS,
      attestationType: 'none',
      authenticatorSelection: {
        authenticatorAttachment: 'platform',
        userVerification: 'required',
        residentKey: 'discouraged',
      },
      supportedAlgorithmIDs: [-7],
      excludeCredentials: device.biometrics ? [{ id: device.biometrics.credentialId }] : [],
    });
    const now = ctx.now();
    await ctx.devices.setWebauthnChallenge(device.id, options.challenge, now + CHALLENGE_TTL_MS);
    return reply.header('cache-control', 'no-store').send(options);
  });

  api.post('/devices/:id/biometrics', opts, async (req, reply) => {
    const { device } = deviceOf(req);
    allowed(device);
    const response = bodyOf(req).response;
    if (typeof response !== 'object' || response === null) throw refuse('invalid_request');
    const now = ctx.now();
    const challenge = await ctx.devices.takeWebauthnChallenge(device.id, now);
    if (!challenge) throw refuse('invalid_approval');
    let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      result = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: ctx.rp.origin,
        expectedRPID: ctx.rp.id,
        requireUserVerification: true,
        supportedAlgorithmIDs: [-7],
      });
    } catch {
      throw refuse('invalid_approval');
    }
    if (!result.verified) throw refuse('invalid_approval');
    const { credential } = result.registrationInfo;
    await ctx.devices.setBiometrics(device.id, {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
    });
    req.log.info({ deviceId: device.id }, 'app biometrics turned on');
    return reply.code(201).header('cache-control', 'no-store').send({ biometrics: true });
  });

  api.delete('/devices/:id/biometrics', opts, async (req, reply) => {
    const { device } = deviceOf(req);
    await ctx.devices.setBiometrics(device.id, null);
    req.log.info({ deviceId: device.id }, 'app biometrics turned off');
    return reply.header('cache-control', 'no-store').send({ biometrics: false });
  });

  api.post('/devices/:id/transactions/:tx/biometrics', opts, async (req, reply) => {
    const signed = deviceOf(req);
    const { device } = signed;
    const tx = await pendingTransaction(ctx, req, signed);
    allowed(device);
    if (!device.biometrics) throw refuse('biometrics_not_allowed');
    const gate = pinGate(device.pin, ctx.now());
    if (!gate.open) throw refuse('pin_blocked', blockedDetails(gate));
    const options = await generateAuthenticationOptions({
      rpID: ctx.rp.id,
      challenge: new Uint8Array(Buffer.from(tx.challenge, 'base64url')),
      allowCredentials: [{ id: device.biometrics.credentialId }],
      userVerification: 'required',
      timeout: TIMEOUT_MS,
    });
    return reply.header('cache-control', 'no-store').send(options);
  });
}
