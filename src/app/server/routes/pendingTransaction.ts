/** The transaction named in the path, if it is the signed device's person's and still pending. */
import type { FastifyRequest } from 'fastify';
import { refuse } from '../appErrors.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { idParam } from '../fields.ts';
import type { Transaction } from '../TransactionStore.ts';
import type { SignedDevice } from './signedDevice.ts';

export async function pendingTransaction(
  ctx: AppServerContext,
  req: FastifyRequest,
  signed: SignedDevice,
): Promise<Transaction & { challenge: string }> {
  const tx = await ctx.transactions.get(idParam(req.params, 'tx'), ctx.now());
  if (!tx || tx.identityId !== signed.identity.id) throw refuse('not_found');
  if (tx.status !== 'pending' || tx.challenge === null) throw refuse('transaction_not_pending');
  return tx as Transaction & { challenge: string };
}
