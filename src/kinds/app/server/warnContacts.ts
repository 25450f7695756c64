/**
 * A warning to the person about their own MitID, queued in the transaction of the change that
 * causes it (the outbox delivers it after commit). Rules:
 * - an SMS to each confirmed mobile number and an e-mail (with a subject) to each address;
 * - Danish, then English: the person's language is not known, and whoever caused the warning
 *   (maybe not the person) does not choose it;
 * - a contact the notifier refuses is logged (its channel and code, never the text) and does not
 *   undo the change; any other error does.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import { MessageError } from '../../../core/messages/index.ts';
import { type MessageId, type Params, t } from '../../../i18n/catalogue.ts';
import { languages } from '../../../i18n/types.ts';
import { formatOrderDate, formatOrderTime } from '../../../platform/time/formatOrderTime.ts';
import type { AppServerContext } from './appServerContext.ts';

/** The text in Danish and in English, joined by `separator`, with the date and time of `at`. */
export function bothLanguages(id: MessageId, separator: string, params: Params, at: number): string {
  return languages
    .map((lang) =>
      t(lang, id, { ...params, date: formatOrderDate(lang, at), time: formatOrderTime(lang, at) }),
    )
    .join(separator);
}

export interface WarningTexts {
  subject: MessageId;
  sms: MessageId;
  email: MessageId;
}

export async function warnContacts(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  identity: Identity,
  texts: WarningTexts,
  params: Params,
  at: number,
  /** Names the warning in the log when a contact is refused. */
  what: string,
): Promise<void> {
  for (const contact of identity.contacts) {
    const sms = contact.channel === 'mobile';
    try {
      await ctx.notifier.enqueue(trx, {
        channel: sms ? 'sms' : 'email',
        to: contact.value,
        subject: sms ? '' : bothLanguages(texts.subject, ' / ', params, at),
        body: bothLanguages(sms ? texts.sms : texts.email, '\n\n', params, at),
      });
    } catch (err) {
      // A refused message writes nothing (validated first), so the transaction goes on.
      if (!(err instanceof MessageError)) throw err;
      ctx.log.warn(
        { identityId: identity.id, channel: contact.channel, err: err.code },
        `${what} message not sent`,
      );
    }
  }
}
