/**
 * The activation-code step's check (docs/protocols/app.md, step 2; docs/security.md).
 * Rules:
 * - not 8 digits: `invalid_request`, not counted;
 * - a flow takes 3 codes (ActivationStore.countCodeTry, counted before compared): the 1st and
 *   2nd wrong answer `wrong_code` with `attemptsLeft` 2 and 1, the 3rd ends the flow
 *   (`code_blocked`, and so does every try after it); the app starts a new flow to try again;
 * - a code takes 15 tries from all flows together (activationCodeSms.maxAttempts), then it is
 *   blocked and the bank replaces it at once (5 an hour): a stranger's wrong tries do not stop
 *   the owner's own flow with the right code until they reach 15;
 * - every code that is not the live one (wrong, expired, used, blocked, none made, an unknown
 *   user-ID) answers the same: the answers depend only on this flow's own tries, so they never
 *   tell whether the user-ID exists or has a code. A flow with no live code is checked against
 *   its decoy (planted at step 1), with the same statements and HMAC as a real code;
 * - the owner is told at the 6th wrong try of a code and when it is blocked (notifyCodeGuessing),
 *   the message queued on `db` with the count that caused it;
 * - everything runs on `db`, the step's transaction: the caller commits a wrong try's count (and
 *   returns its refusal) and rolls back only what a crash or a later refusal interrupts.
 */
import type { Kysely } from 'kysely';
import { activationCodeSms, typedCode } from '../../../core/codes/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { type Activation, ActivationStore, CODE_TRIES_PER_FLOW } from './ActivationStore.ts';
import { decoyFlow } from './appCodePolicies.ts';
import { type AppProtocolError, refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';
import { notifyCodeGuessing } from './notifyCodeGuessing.ts';

/** The wrong try of one code after which its owner is warned (two flows' worth). */
export const CODE_GUESSING_WARNING_AT = 2 * CODE_TRIES_PER_FLOW;

export async function redeemActivationCode(
  ctx: AppServerContext,
  db: Kysely<MitidDb>,
  a: Activation,
  input: string,
): Promise<{ ok: true; identityId: string } | { ok: false; refusal: AppProtocolError }> {
  if (typedCode(input, activationCodeSms) === undefined)
    return { ok: false, refusal: refuse('invalid_request') };
  const now = ctx.now();
  const tries = await new ActivationStore(db).countCodeTry(a.id, now);
  if (tries === undefined) return { ok: false, refusal: refuse('code_blocked') };
  const decoy = decoyFlow(a.id);
  const result = await ctx.codesOn(db).verifyLive(a.identityId ?? decoy, decoy, activationCodeSms, input);
  if (result.ok && a.identityId) return { ok: true, identityId: a.identityId };
  if (!result.ok && result.checked === 'code' && a.identityId) {
    const wrongSoFar =
      result.reason === 'wrong' ? activationCodeSms.maxAttempts - result.attemptsLeft : undefined;
    if (result.reason === 'blocked') await notifyCodeGuessing(ctx, db, a.identityId, 'blocked', now);
    else if (wrongSoFar === CODE_GUESSING_WARNING_AT)
      await notifyCodeGuessing(ctx, db, a.identityId, 'warning', now);
  }
  const attemptsLeft = CODE_TRIES_PER_FLOW - tries;
  return {
    ok: false,
    refusal: attemptsLeft > 0 ? refuse('wrong_code', { attemptsLeft }) : refuse('code_blocked'),
  };
}
