/**
 * A notice about the person's own MitID to each confirmed contact, queued in the transaction of
 * the change that causes it (the outbox delivers it after commit; a rollback takes it away).
 * Rules:
 * - an SMS to each confirmed mobile number, an e-mail (with a subject) to each address;
 * - Danish, then English: whoever caused the change (maybe not the person) does not choose the
 *   language of the warning about it;
 * - never a secret in it (no password, no code): only what happened, when, and what to do;
 * - a contact the outbox refuses is logged (channel and code, never the text) and does not undo
 *   the change; any other error does.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { IdentityStore } from '../../core/identity/index.ts';
import { enqueueMessage, MessageError } from '../../core/messages/index.ts';
import { type MessageId, type Params, t } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import type { Random } from '../../platform/random.ts';
import { formatOrderDate, formatOrderTime } from '../../platform/time/formatOrderTime.ts';

export interface NoticeTexts {
  subject: MessageId;
  body: MessageId;
}

export interface NoticeLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Each language's text, with the date and time of `at`; `what` (a message id) in the same language. */
function bothLanguages(
  id: MessageId,
  separator: string,
  params: Params,
  at: number,
  what?: MessageId,
): string {
  return languages
    .map((lang) =>
      t(lang, id, {
        ...params,
        ...(what ? { what: t(lang, what) } : {}),
        date: formatOrderDate(lang, at),
        time: formatOrderTime(lang, at),
      }),
    )
    .join(separator);
}

export async function noticeContacts(
  trx: Kysely<MitidDb>,
  d: { random: Random; log?: NoticeLog },
  identityId: string,
  texts: NoticeTexts,
  at: number,
  opts: { what?: MessageId; params?: Params } = {},
): Promise<number> {
  const identity = await new IdentityStore(trx).getById(identityId);
  if (!identity) return 0;
  let queued = 0;
  for (const contact of identity.contacts) {
    const sms = contact.channel === 'mobile';
    try {
      await enqueueMessage(
        trx,
        {
          channel: sms ? 'sms' : 'email',
          to: contact.value,
          subject: sms ? '' : bothLanguages(texts.subject, ' / ', opts.params ?? {}, at, opts.what),
          body: bothLanguages(texts.body, '\n\n', opts.params ?? {}, at, opts.what),
        },
        { id: d.random.token(16), now: new Date(at) },
      );
      queued++;
    } catch (err) {
      // A refused message writes nothing (validated first), so the transaction goes on.
      if (!(err instanceof MessageError)) throw err;
      d.log?.warn({ identityId, channel: contact.channel, err: err.code }, 'self-service notice not sent');
    }
  }
  return queued;
}
