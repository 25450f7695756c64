/**
 * GET /api/app/v1/devices/:id/transactions (signed): what waits for the device's person, with
 * what the app shows and what it signs: { transactions: [ { id, serviceName, action, text, level,
 * requiresPin, digest, challenge, createdAt, expiresAt, decoupled } ] } (decoupled: a CIBA request,
 * started by the service without a browser; the app offers "Afvis og anmeld"). Explicit fields only (never the row).
 */
import type { FastifyInstance } from 'fastify';
import type { Authentication } from '../../../../core/authentications/index.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

export function transactionForDevice(tx: Authentication): Record<string, unknown> {
  return {
    id: tx.id,
    serviceName: tx.serviceName,
    action: tx.action,
    text: tx.text,
    level: tx.requestedLevel,
    requiresPin: tx.requiresUv,
    digest: tx.digest,
    challenge: tx.challenge,
    createdAt: tx.createdAt,
    expiresAt: tx.expiresAt,
    decoupled: tx.channel === 'ciba',
  };
}

export function registerDeviceTransactions(api: FastifyInstance, ctx: AppServerContext): void {
  api.get(
    '/devices/:id/transactions',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
      preHandler: signedDevice(ctx, { pending: true }),
    },
    async (req, reply) => {
      // Read with the device, in the signed request's one statement (Authentications.pendingFor's view).
      const { pending } = deviceOf(req);
      return reply
        .header('cache-control', 'no-store')
        .send({ transactions: pending.map(transactionForDevice) });
    },
  );
}
