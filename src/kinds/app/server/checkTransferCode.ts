/**
 * A transfer code typed at step 1 (docs/protocols/app.md). Rules:
 * - the code of the named identity if it has a live one (5 minutes, 3 tries, single use), else a
 *   decoy planted for this one check: the same INSERT, UPDATE, HMAC and DELETE for every user-ID;
 * - every refusal is the same `410 code_expired` ("wrong or no longer usable"): no tries left to
 *   show, so no answer tells whether the user-ID exists or has a live transfer code; a malformed
 *   code is `invalid_request`, not counted. The owner makes a new code in the other app at once.
 */
import { typedCode } from '../../../core/codes/index.ts';
import { transferCodePolicy, transferFlow } from './appCodePolicies.ts';
import { type AppProtocolError, refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';

export async function checkTransferCode(
  ctx: AppServerContext,
  identityId: string | undefined,
  input: string,
): Promise<{ ok: true; fromDevice: string } | { ok: false; refusal: AppProtocolError }> {
  if (typedCode(input, transferCodePolicy) === undefined)
    return { ok: false, refusal: refuse('invalid_request') };
  const decoy = `app-transfer-decoy:${ctx.newId()}`;
  await ctx.codes.plantDecoy(decoy, transferCodePolicy, ctx.now() + transferCodePolicy.ttlMs);
  const flow = identityId ? transferFlow(identityId) : decoy;
  const result = await ctx.codes.verifyLive(flow, decoy, transferCodePolicy, input);
  await ctx.codes.deleteFlow(decoy);
  if (result.ok && identityId) return { ok: true, fromDevice: result.subject };
  return { ok: false, refusal: refuse('code_expired') };
}
