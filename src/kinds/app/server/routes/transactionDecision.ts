/**
 * POST /api/app/v1/devices/:id/transactions/:tx/decision (signed)
 *   { decision: "approve" | "reject", finishLoginRequest? | webauthn?, signature }
 * Steps, in order:
 *   the transaction is the person's and pending            (else not_found / transaction_not_pending)
 *   the PIN or biometrics check, if the call carries one   (proofByPin / proofByBiometrics)
 *   an approval that needs the PIN has one                 (else invalid_approval)
 *   the signature verifies over approvalString             (the digest and challenge as stored)
 *   pending → approved / rejected, consuming the challenge (one conditional UPDATE: a replay or a
 *     and the PIN login it used                             second decision finds nothing)
 * A refusal after the PIN check clears the login it used. A rejection never needs the PIN.
 * Statements with the PIN: 2 for the signed request (the transaction read with the device), the
 * PIN count reset, the decision.
 */
import type { FastifyInstance } from 'fastify';
import { IdentityStore } from '../../../../core/identity/index.ts';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import { approvalString, type Decision } from '../approvalString.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u, oneOf } from '../fields.ts';
import { notifyUse } from '../notifyUse.ts';
import { NO_PIN } from '../pinProof.ts';
import { proofByBiometrics } from '../proofByBiometrics.ts';
import { proofByPin } from '../proofByPin.ts';
import { type DecisionRecord, TransactionStore } from '../TransactionStore.ts';
import { verifyEcdsa } from '../verifyEcdsa.ts';
import { pendingTransaction } from './pendingTransaction.ts';
import { deviceOf, signedDevice } from './signedDevice.ts';

const decisions: readonly Decision[] = ['approve', 'reject'];

export function registerTransactionDecision(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/devices/:id/transactions/:tx/decision',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('device'), timeWindow: 60_000 } },
      preHandler: signedDevice(ctx),
    },
    async (req, reply) => {
      const signed = deviceOf(req);
      const { device, identity } = signed;
      const body = bodyOf(req);
      const decision = oneOf(body, 'decision', decisions);
      const signature = b64u(body, 'signature', 86);
      const withPin = body.finishLoginRequest !== undefined;
      const withBiometrics = body.webauthn !== undefined;
      if (withPin && withBiometrics) throw refuse('invalid_request');
      const finishLoginRequest = withPin ? b64u(body, 'finishLoginRequest', 200) : undefined;
      const tx = await pendingTransaction(ctx, req, signed);

      const pin = finishLoginRequest
        ? await proofByPin(ctx, tx.id, tx.pinLogin, device, finishLoginRequest)
        : undefined;
      const proof = pin
        ? pin.proof
        : withBiometrics
          ? await proofByBiometrics(ctx, tx.challenge, device, body.webauthn)
          : NO_PIN;
      if (decision === 'approve' && tx.requiresPin && proof === NO_PIN) throw refuse('invalid_approval');
      const message = approvalString(tx.id, tx.digest, tx.challenge, decision, proof);
      if (!verifyEcdsa(device.publicKey, message, signature)) {
        await pin?.drop();
        throw refuse('invalid_approval');
      }

      const method = finishLoginRequest ? 'pin' : withBiometrics ? 'biometrics' : 'none';
      const now = ctx.now();
      const record: DecisionRecord = {
        challenge: tx.challenge,
        decision,
        deviceId: device.id,
        method,
        signature,
        ...(pin ? { pinLogin: pin.sealedState } : {}),
      };
      const announce = decision === 'approve' && device.notifyEveryUse;
      // An approval the person asked to hear of: the decision and its "besked hver gang" notice in
      // one transaction (the outbox). Any other decision is its one UPDATE.
      const decided = !announce
        ? await ctx.transactions.decide(tx.id, record, now)
        : await ctx.notifier.transaction(async (trx) => {
            const moved = await new TransactionStore(trx).decide(tx.id, record, now);
            if (moved) {
              // The signed request read the identity without its contacts: read them only here.
              const withContacts = await new IdentityStore(trx).getById(identity.id);
              if (withContacts) await notifyUse(ctx, trx, withContacts, tx.serviceName, now);
            }
            return moved;
          });
      // Decided meanwhile, or (with the PIN) a newer PIN login replaced the one used here.
      if (!decided) {
        const current = pin ? await ctx.transactions.get(tx.id, now) : undefined;
        if (current?.status === 'pending') throw refuse('invalid_approval');
        throw refuse('transaction_not_pending');
      }
      req.log.info(
        { deviceId: device.id, transactionId: tx.id, decision, method },
        'app transaction decided',
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ transactionId: tx.id, status: decision === 'approve' ? 'approved' : 'rejected' });
    },
  );
}
