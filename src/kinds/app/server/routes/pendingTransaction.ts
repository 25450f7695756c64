/**
 * The authentication named in the path, if it is the signed device's person's, still pending and
 * for the app. It was read with the device (signedDevice): no statement of its own.
 */
import type { FastifyRequest } from 'fastify';
import type { Authentication } from '../../../../core/authentications/index.ts';
import { refuse } from '../appErrors.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { idParam } from '../fields.ts';
import type { SignedDevice } from './signedDevice.ts';

export async function pendingTransaction(
  ctx: AppServerContext,
  req: FastifyRequest,
  signed: SignedDevice,
): Promise<Authentication & { challenge: string }> {
  const id = idParam(req.params, 'tx');
  const tx = signed.transaction;
  // Not the person's, or not one the app may see (another kind's, a browser's not yet verified).
  if (
    !tx ||
    tx.id !== id ||
    tx.identityId !== signed.identity.id ||
    !tx.kinds.includes('app') ||
    tx.channelVerifiedAt === null
  )
    throw refuse('not_found');
  // Expired by the clock of now, not of the read: the request may have waited.
  if (tx.status !== 'pending' || tx.expiresAt <= ctx.now() || tx.challenge === null)
    throw refuse('transaction_not_pending');
  return tx as Authentication & { challenge: string };
}
