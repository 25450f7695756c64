/**
 * The transaction named in the path, if it is the signed device's person's and still pending. It
 * was read with the device (signedDevice): no statement of its own.
 */
import type { FastifyRequest } from 'fastify';
import { refuse } from '../appErrors.ts';
import type { AppServerContext } from '../appServerContext.ts';
import type { SignedTransaction } from '../DeviceStore.ts';
import { idParam } from '../fields.ts';
import type { SignedDevice } from './signedDevice.ts';

export async function pendingTransaction(
  ctx: AppServerContext,
  req: FastifyRequest,
  signed: SignedDevice,
): Promise<SignedTransaction & { challenge: string }> {
  const id = idParam(req.params, 'tx');
  const tx = signed.transaction;
  if (!tx || tx.id !== id || tx.identityId !== signed.identity.id) throw refuse('not_found');
  // Expired by the clock of now, not of the read: the request may have waited.
  if (tx.status !== 'pending' || tx.expiresAt <= ctx.now() || tx.challenge === null)
    throw refuse('transaction_not_pending');
  return tx as SignedTransaction & { challenge: string };
}
