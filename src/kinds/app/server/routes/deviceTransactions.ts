/**
 * GET /api/app/v1/devices/:id/transactions (signed): what waits for the device's person, with
 * what the app shows and what it signs: { transactions: [ { id, serviceName, action, text, level,
 * requiresPin, digest, challenge, createdAt, expiresAt } ] }. Explicit fields only (never the row).
 */
import type { FastifyInstance } from 'fastify';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import type { AppServerContext } from '../appServerContext.ts';
import type { Transaction } from '../TransactionStore.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

export function transactionForDevice(tx: Transaction): Record<string, unknown> {
  return {
    id: tx.id,
    serviceName: tx.serviceName,
    action: tx.action,
    text: tx.text,
    level: tx.level,
    requiresPin: tx.requiresPin,
    digest: tx.digest,
    challenge: tx.challenge,
    createdAt: tx.createdAt,
    expiresAt: tx.expiresAt,
  };
}

export function registerDeviceTransactions(api: FastifyInstance, ctx: AppServerContext): void {
  api.get(
    '/devices/:id/transactions',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
      preHandler: signedDevice(ctx),
    },
    async (req, reply) => {
      const { identity } = deviceOf(req);
      const pending = await ctx.transactions.pendingFor(identity.id, ctx.now());
      return reply
        .header('cache-control', 'no-store')
        .send({ transactions: pending.map(transactionForDevice) });
    },
  );
}
