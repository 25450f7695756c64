/**
 * "Nogen har tastet forkerte aktiveringskoder": an SMS and an e-mail to each confirmed contact of
 * the identity when wrong activation codes keep coming for its user-ID. Rules:
 * - once per threshold of the code's wrong tries (redeemActivationCode.ts: the 6th, a warning;
 *   the 15th, the code is blocked), never one message per try: the counter moves in one
 *   conditional UPDATE, so exactly one request sees each value;
 * - Danish, then English, as the new-device warning (the device typing the codes is not the
 *   person's and does not choose the language);
 * - queued on the caller's transaction (the outbox), with the count that caused it; a message
 *   that cannot be sent is logged (without its text) and changes no answer.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import type { AppServerContext } from './appServerContext.ts';
import { type WarningTexts, warnContacts } from './warnContacts.ts';

export type CodeGuessingNotice = 'warning' | 'blocked';

const texts: Record<CodeGuessingNotice, WarningTexts> = {
  warning: {
    subject: 'app.codeGuessing.warning.subject',
    sms: 'app.codeGuessing.warning.sms',
    email: 'app.codeGuessing.warning.email',
  },
  blocked: {
    subject: 'app.codeGuessing.blocked.subject',
    sms: 'app.codeGuessing.blocked.sms',
    email: 'app.codeGuessing.blocked.email',
  },
};

export async function notifyCodeGuessing(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  identityId: string,
  notice: CodeGuessingNotice,
  at: number,
): Promise<void> {
  const identity = await new IdentityStore(trx).getById(identityId);
  if (!identity) return;
  await warnContacts(ctx, trx, identity, texts[notice], {}, at, `code-guessing (${notice})`);
}
