/**
 * POST step 1: user-ID and password. Rules:
 *   missing, too long (> 200) or malformed input → the form again with an error summary; nothing counted
 *   an untrusted attempt while its user-ID, address or global counter is blocked (guessLimits)
 *     → 429 "too many attempts, try again at HH:MM", without checking the password and without
 *     counting; the same for a known and an unknown user-ID (the counters exist for both)
 *   unknown user-ID and wrong password give the SAME answer ("Forkert bruger-ID eller
 *     adgangskode.") after the SAME work (the gate's one read, one Argon2id verification — a
 *     dummy one for unknown IDs — and the same counter updates), so user-IDs cannot be enumerated
 *   every attempt the gate lets through is counted BEFORE the password is compared (on the
 *     trusted browser's counter, or on the user-ID's, the address's and the global one), so a burst
 *     of parallel guesses gets no more comparisons than the limits; a right password is refunded
 *   a right password moves the flow to the key-code step with a random unused key (PRG redirect)
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Client } from '../../../core/clients/index.ts';
import type { FieldError } from '../../../platform/html/components.ts';
import { findCredential } from '../credentialStore.ts';
import { claimAttempt, guessGate, refundAttempt, retryTime } from '../guessLimits.ts';
import { pickUnusedKey } from '../keyCodeStore.ts';
import type { NemidLogin } from '../loginStore.ts';
import { formField, type NemidContext, redirectToStep } from '../nemidContext.ts';
import { nemidPolicy } from '../nemidPolicy.ts';
import { isNemidUserIdShape, normaliseUserId } from '../nemidUserId.ts';
import { verifyDummy, verifyPassword } from '../passwordHash.ts';
import { showFlowEnd, showPasswordStep } from '../stepPages.ts';

export async function passwordStep(
  ctx: NemidContext,
  req: FastifyRequest,
  reply: FastifyReply,
  login: NemidLogin,
  client: Client,
): Promise<FastifyReply> {
  const t = req.t;
  const { db, clock, random } = ctx.deps;
  const userId = formField(req.body, 'userId')?.trim() ?? '';
  const password = formField(req.body, 'password') ?? '';
  const max = nemidPolicy.maxFieldLength;

  const errors: FieldError[] = [];
  if (userId === '') errors.push({ field: 'userId', message: t('nemid.error.userIdRequired') });
  else if (userId.length > max) errors.push({ field: 'userId', message: t('nemid.error.userIdTooLong') });
  else if (!isNemidUserIdShape(userId))
    errors.push({ field: 'userId', message: t('nemid.error.userIdFormat') });
  if (password === '') errors.push({ field: 'password', message: t('nemid.error.passwordRequired') });
  else if (password.length > max)
    errors.push({ field: 'password', message: t('nemid.error.passwordTooLong') });
  if (errors.length > 0) {
    const keep = userId.length <= max ? userId : '';
    return showPasswordStep(req, reply, { login, client, errors, userId: keep, status: 400 });
  }

  const now = clock.now().getTime();
  const norm = normaliseUserId(userId);
  const gate = await guessGate(ctx, req, norm, now);
  const claim =
    gate.blockedUntil === undefined
      ? await claimAttempt(ctx, gate, now)
      : { refusedUntil: gate.blockedUntil };
  if ('refusedUntil' in claim) {
    const until = claim.refusedUntil;
    req.log.info({ event: 'nemid.password.slowed' }, 'NemID password step refused: too many attempts');
    reply.header('retry-after', String(Math.max(1, Math.ceil((until - now) / 1000))));
    const message = t('nemid.error.slowedDown', { time: retryTime(req.lang, until) });
    return showPasswordStep(req, reply, {
      login,
      client,
      errors: [{ field: 'userId', message }],
      status: 429,
    });
  }
  // Counted already (claimAttempt): a wrong password stays counted, a right one is refunded.
  const credential = await findCredential(db, norm);
  const right = credential
    ? await verifyPassword(credential.passwordHash, password)
    : await verifyDummy(password);
  if (!credential || !right) {
    req.log.info(
      { event: 'nemid.password.refused', trusted: gate.deviceKey !== undefined },
      'NemID password step refused',
    );
    const wrong = [{ field: 'userId', message: t('nemid.error.wrongCredentials') }];
    return showPasswordStep(req, reply, { login, client, errors: wrong, status: 400 });
  }
  await refundAttempt(ctx, claim.claims);

  const key = await pickUnusedKey(db, random, credential.cpr);
  if (!key) {
    await ctx.logins.fail(login.id);
    req.log.warn({ event: 'nemid.keycard.exhausted' }, 'NemID login without an unused key');
    return showFlowEnd(req, reply, {
      login,
      client,
      kind: 'failed',
      message: 'nemid.failed.noKeys',
      status: 403,
    });
  }
  // False when a concurrent submission moved the flow first: then just show where it is.
  await ctx.logins.toKeycode(login.id, credential.cpr, key.cardId, key.keyNo, now);
  return redirectToStep(reply, login);
}
