/**
 * POST step 2: the key code. Rules:
 *   malformed input → the form again, nothing counted
 *   a right code is spent once (UPDATE … WHERE used_at IS NULL) in the same transaction that
 *     completes the flow and resets the counter the login was counted on (guessLimits); the
 *     browser gets a device cookie entry for the user-ID; then back to the service with a
 *     one-time code (only its SHA-256 is stored) that works for 60 s
 *   a wrong code counts against the flow and like a wrong password (the trusted browser's
 *     counter, or the user-ID's, the address's and the global one); the 3rd fails the flow
 *   the key spent meanwhile by another flow → another key is asked for, nothing counted
 *   the same code submitted twice (double click, reload) → see resubmitDone
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '../../../core/clients/index.ts';
import { sameSecret } from '../../../platform/sameSecret.ts';
import { findCredentialByCpr } from '../credentialStore.ts';
import { countFailure, type GuessGate, guessGate, resetOnLogin, trustThisBrowser } from '../guessLimits.ts';
import { keyState, pickUnusedKey, spendKeyCode } from '../keyCodeStore.ts';
import { type NemidLogin, NemidLoginStore, sha256 } from '../loginStore.ts';
import { clientRedirect, formField, type NemidContext, redirectToStep } from '../nemidContext.ts';
import { nemidPolicy } from '../nemidPolicy.ts';
import { showFlowEnd, showKeycodeStep } from '../stepPages.ts';

class FlowMoved extends Error {}

export async function keycodeStep(
  ctx: NemidContext,
  req: FastifyRequest,
  reply: FastifyReply,
  login: NemidLogin,
  client: Client,
): Promise<FastifyReply> {
  const t = req.t;
  const { db, clock, random } = ctx.deps;
  const raw = formField(req.body, 'code') ?? '';
  const code = raw.replace(/[\s-]/g, '');
  const problem =
    raw.trim() === ''
      ? t('nemid.error.codeRequired')
      : raw.length > nemidPolicy.maxFieldLength || !/^\d{6}$/.test(code)
        ? t('nemid.error.codeFormat')
        : undefined;
  if (problem)
    return showKeycodeStep(ctx, req, reply, {
      login,
      client,
      errors: [{ field: 'code', message: problem }],
      status: 400,
    });
  const cardId = login.cardId ?? '';
  const keyNo = login.keyNo ?? '';
  const cpr = login.cpr ?? '';

  const now = clock.now().getTime();
  const gate = await keycodeGate(ctx, req, cpr, now);
  const authCode = random.token(32);
  let spent = false;
  try {
    spent = await db.transaction().execute(async (trx) => {
      if (!(await spendKeyCode(trx, cardId, keyNo, code, now))) return false;
      if (!(await new NemidLoginStore(trx).complete(login.id, sha256(authCode), now))) throw new FlowMoved();
      if (gate) await resetOnLogin(trx, gate);
      return true;
    });
  } catch (err) {
    if (err instanceof FlowMoved) return redirectToStep(reply, login);
    throw err;
  }
  if (spent) {
    if (gate) trustThisBrowser(ctx, req, reply, gate, now);
    req.log.info({ event: 'nemid.login.done' }, 'NemID login completed');
    return reply.redirect(clientRedirect(login, { code: authCode }), 303);
  }

  const key = await keyState(db, cardId, keyNo);
  if (key && key.usedAt !== null) {
    const now2 = await ctx.logins.get(login.id);
    if (now2?.status === 'done') return resubmitDone(ctx, req, reply, now2, client, code);
    // Spent by another login of the same person: ask for another key.
    const next = await pickUnusedKey(db, random, cpr);
    if (!next) {
      await ctx.logins.fail(login.id);
      return showFlowEnd(req, reply, {
        login,
        client,
        kind: 'failed',
        message: 'nemid.failed.noKeys',
        status: 403,
      });
    }
    await ctx.logins.changeKey(login.id, keyNo, next.keyNo);
    const moved = { ...login, cardId: next.cardId, keyNo: next.keyNo };
    const errors = [{ field: 'code', message: t('nemid.error.keyUsed') }];
    return showKeycodeStep(ctx, req, reply, { login: moved, client, errors, status: 409 });
  }

  const attempts = await ctx.logins.countWrongKeycode(login.id);
  if (gate) await countFailure(ctx, gate, now);
  if (attempts === undefined) return redirectToStep(reply, login);
  req.log.info({ event: 'nemid.keycode.wrong', attempts }, 'NemID key code wrong');
  if (attempts >= nemidPolicy.maxKeycodeAttempts) {
    await ctx.logins.fail(login.id);
    return showFlowEnd(req, reply, {
      login,
      client,
      kind: 'failed',
      message: 'nemid.failed.tooManyCodes',
      status: 403,
    });
  }
  const left = nemidPolicy.maxKeycodeAttempts - attempts;
  const errors = [{ field: 'code', message: t('nemid.error.codeWrong', { left }) }];
  return showKeycodeStep(ctx, req, reply, { login, client, errors, status: 400 });
}

/**
 * What the key-code step counts on: the gate of the flow's user-ID for this browser (trusted or
 * not). The step itself is not refused by a block: its own limit is 3 wrong codes per flow, and
 * reaching it needed the right password.
 */
async function keycodeGate(
  ctx: NemidContext,
  req: FastifyRequest,
  cpr: string,
  now: number,
): Promise<GuessGate | undefined> {
  const credential = await findCredentialByCpr(ctx.deps.db, cpr);
  return credential ? guessGate(ctx, req, credential.userIdNorm, now) : undefined;
}

/**
 * The key-code form posted again after the flow finished (a double click: the browser shows the
 * answer to the LAST request, so that one must lead on too). With the right code, and only while
 * no code has been redeemed and the 60 s have not run out, the flow gets a fresh code that
 * replaces the previous one: at most one code of a flow can ever be redeemed.
 */
export async function resubmitDone(
  ctx: NemidContext,
  req: FastifyRequest,
  reply: FastifyReply,
  login: NemidLogin,
  client: Client,
  code: string,
): Promise<FastifyReply> {
  const { db, clock, random } = ctx.deps;
  const key = login.cardId && login.keyNo ? await keyState(db, login.cardId, login.keyNo) : undefined;
  if (key && /^\d{6}$/.test(code) && sameSecret(key.code, code)) {
    const authCode = random.token(32);
    if (await ctx.logins.rotateCode(login.id, sha256(authCode), clock.now().getTime())) {
      return reply.redirect(clientRedirect(login, { code: authCode }), 303);
    }
  }
  return showFlowEnd(req, reply, { login, client, kind: 'done', message: 'nemid.done.body' });
}
