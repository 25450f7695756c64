/**
 * POST step 1: user-ID and password. Rules:
 *   missing, too long (> 200) or malformed input → the form again with an error summary; nothing counted
 *   unknown user-ID, wrong password and a locked credential give the SAME answer
 *     ("Forkert bruger-ID eller adgangskode.") after the SAME work (one Argon2id verification;
 *     a dummy one for unknown IDs), so user-IDs cannot be enumerated
 *   a wrong password counts towards the lock (credentialStore); attempts while locked do not
 *   a right password moves the flow to the key-code step with a random unused key (PRG redirect)
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/html/components.ts';
import { findCredential, isLocked, recordFailedAttempt } from '../credentialStore.ts';
import { pickUnusedKey } from '../keyCodeStore.ts';
import type { NemidLogin } from '../loginStore.ts';
import type { NemidClient } from '../nemidClients.ts';
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
  client: NemidClient,
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
  const credential = await findCredential(db, normaliseUserId(userId));
  let accepted = false;
  if (!credential) {
    await verifyDummy(password);
  } else {
    const right = await verifyPassword(credential.passwordHash, password);
    if (isLocked(credential, now)) accepted = false;
    else if (!right) await recordFailedAttempt(db, credential.cpr, now);
    else accepted = true;
  }
  if (!credential || !accepted) {
    req.log.info({ event: 'nemid.password.refused' }, 'NemID password step refused');
    const wrong = [{ field: 'userId', message: t('nemid.error.wrongCredentials') }];
    return showPasswordStep(req, reply, { login, client, errors: wrong, status: 400 });
  }

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
