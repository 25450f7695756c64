/**
 * POST /api/app/v1/devices/:id/transactions/:tx/decision (signed)
 *   { decision: "approve" | "reject", report?, finishLoginRequest? | webauthn?, signature }
 * Steps, in order:
 *   the transaction is the person's and pending            (else not_found / transaction_not_pending)
 *   `report: true` only with reject, only for a CIBA request (else invalid_request): "Afvis og anmeld"
 *   the PIN or biometrics check, if the call carries one   (proofByPin / proofByBiometrics)
 *   an approval that needs the PIN has one                 (else invalid_approval)
 *   the signature verifies over approvalString             (the digest and challenge as stored)
 *   pending → approved (Authentications.addProof with the app's proof: possession + knowledge,
 *     inherence or nothing more) / rejected (reject), consuming the challenge and the PIN login it
 *     used (one conditional UPDATE: a replay or a second decision finds nothing)
 * A refusal after the PIN check clears the login it used. A rejection never needs the PIN.
 * Statements with the PIN: 2 for the signed request (the transaction read with the device), the
 * PIN count reset, the decision.
 */
import type { FastifyInstance } from 'fastify';
import { perAddressMax } from '../../../../platform/http/perAddress.ts';
import { refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import { type AppMethod, appProof } from '../appKind.ts';
import { approvalString, type Decision } from '../approvalString.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { b64u, oneOf, optionalBoolean } from '../fields.ts';
import { NO_PIN } from '../pinProof.ts';
import { proofByBiometrics } from '../proofByBiometrics.ts';
import { proofByPin } from '../proofByPin.ts';
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
      const report = optionalBoolean(body, 'report', false);
      const tx = await pendingTransaction(ctx, req, signed);
      if (report && (decision !== 'reject' || tx.channel !== 'ciba')) throw refuse('invalid_request');

      const pin = finishLoginRequest
        ? await proofByPin(ctx, tx.id, tx.step, device, finishLoginRequest)
        : undefined;
      const proof = pin
        ? pin.proof
        : withBiometrics
          ? await proofByBiometrics(ctx, tx.challenge, device, body.webauthn)
          : NO_PIN;
      if (decision === 'approve' && tx.requiresUv && proof === NO_PIN) throw refuse('invalid_approval');
      const message = approvalString(tx.id, tx.digest, tx.challenge, decision, proof);
      if (!verifyEcdsa(device.publicKey, message, signature)) {
        await pin?.drop();
        throw refuse('invalid_approval');
      }

      const method: AppMethod = finishLoginRequest ? 'pin' : withBiometrics ? 'biometrics' : 'none';
      const stepState = pin ? { stepState: pin.sealedState } : {};
      // One conditional UPDATE of the authentication, consuming the challenge and the PIN login it
      // used. An approval the person asked to hear of also queues its "besked hver gang" notice,
      // in the same transaction (the person.authenticated hook); any other decision is its one UPDATE.
      const decided =
        decision === 'approve'
          ? await ctx.authentications.addProof(tx, {
              proof: appProof(device.id, method, ctx.now()),
              challenge: tx.challenge,
              ...stepState,
              evidence: { signature },
              notifyEveryUse: identity.notifyEveryUse,
              ial: identity.ial,
            })
          : await ctx.authentications.reject(tx, {
              authenticatorId: device.id,
              challenge: tx.challenge,
              ...stepState,
              evidence: { signature },
              ...(report ? { report } : {}),
            });
      // Decided meanwhile, or (with the PIN) a newer PIN login replaced the one used here.
      if (!decided) {
        const current = pin ? await ctx.authentications.get(tx.id) : undefined;
        if (current?.status === 'pending') throw refuse('invalid_approval');
        throw refuse('transaction_not_pending');
      }
      req.log.info(
        { deviceId: device.id, transactionId: tx.id, decision, method, report },
        'app transaction decided',
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ transactionId: tx.id, status: decision === 'approve' ? 'approved' : 'rejected' });
    },
  );
}
