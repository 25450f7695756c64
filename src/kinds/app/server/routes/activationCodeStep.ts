/**
 * Step 2: POST /api/app/v1/activations/:id/activation-code { code }. Rules:
 * - only at this step (409 wrong_step otherwise, nothing changes);
 * - the code from the net bank, checked by redeemActivationCode: 3 tries per flow, 15 per code,
 *   counted before compared, single use, 30 minutes; every code that is not the live one answers
 *   alike (`wrong_code` with the flow's tries left, then `code_blocked`), a flow without an
 *   identity included;
 * - a person with 3 active app devices is refused here already (and again, race-safe, at finish);
 * - the code's use, the flow's move, the temporary PIN and its SMS are ONE transaction: a crash
 *   before its commit leaves the code usable again, and a wrong code's attempt is committed
 *   (the refusal is thrown after the commit, so it is never rolled back);
 * - the answer is kept with them (stepAnswers.ts): the same code again, while the flow waits for
 *   the temporary PIN, gets the same answer (after a crash, a lost answer, a retry), and the SMS
 *   is delivered after commit by the service's outbox worker.
 */
import type { FastifyInstance } from 'fastify';
import { IdentityStore } from '../../../../core/identity/index.ts';
import { ActivationStore } from '../ActivationStore.ts';
import { type AppProtocolError, refuse } from '../appErrors.ts';
import { bodyOf } from '../appJsonScope.ts';
import type { AppServerContext } from '../appServerContext.ts';
import { MAX_ACTIVE_DEVICES } from '../DeviceStore.ts';
import { idParam, text } from '../fields.ts';
import { langOf } from '../langOf.ts';
import { redeemActivationCode } from '../redeemActivationCode.ts';
import { issueTemporaryPin } from '../sendTemporaryPin.ts';
import { activationAt, activationRateLimit } from './activationAt.ts';

/** What makes two calls the same request: the code as it is compared. */
const sameCode = (code: unknown): string | undefined =>
  typeof code === 'string' ? code.replace(/[\s-]/g, '') : undefined;

export function registerActivationCodeStep(api: FastifyInstance, ctx: AppServerContext): void {
  api.post(
    '/activations/:id/activation-code',
    { config: { csrf: false, rateLimit: activationRateLimit } },
    async (req, reply) => {
      const request = sameCode(bodyOf(req).code);
      const repeat = () =>
        ctx.answers.repeated(idParam(req.params, 'id'), 'activationCode', 'temporaryPin', request, ctx.now());
      const before = await repeat();
      if (before) return reply.header('cache-control', 'no-store').send(before);
      const a = await activationAt(ctx, req, 'activationCode');
      const code = text(bodyOf(req), 'code', 20);
      const lang = langOf(req.headers['accept-language']);
      const done = await ctx.notifier.transaction(
        async (trx): Promise<{ refused: AppProtocolError } | { answer: Record<string, unknown> }> => {
          const redeemed = await redeemActivationCode(ctx, trx, a, code);
          if (!redeemed.ok) return { refused: redeemed.refusal }; // committed: the try counts
          const identity = await new IdentityStore(trx).getById(redeemed.identityId);
          if (!identity) throw refuse('code_expired');
          if ((await ctx.authenticators.countActive(identity.id, 'app', trx)) >= MAX_ACTIVE_DEVICES)
            throw refuse('too_many_devices');
          if (
            !(await new ActivationStore(trx).advance(a.id, 'activationCode', 'temporaryPin', ctx.now(), trx))
          ) {
            throw refuse('wrong_step');
          }
          const sent = await issueTemporaryPin(ctx, trx, a, identity, lang);
          const answer = { next: 'temporaryPin', ...sent };
          await ctx.answers.keep(trx, a.id, 'activationCode', request, answer);
          return { answer };
        },
      );
      if ('refused' in done) {
        // A parallel call with the same code won while this one waited for the code's row.
        const late = await repeat();
        if (late) return reply.header('cache-control', 'no-store').send(late);
        throw done.refused;
      }
      req.log.info({ activationId: a.id }, 'app activation code accepted');
      return reply.header('cache-control', 'no-store').send(done.answer);
    },
  );
}
