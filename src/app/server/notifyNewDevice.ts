/**
 * "MitID app er aktiveret på en ny enhed": an SMS and an e-mail to each confirmed contact of the
 * identity whenever a device is activated, so a person learns at once if someone else did it.
 * Rules:
 * - Danish, then English: the person's language is not known, and the device that asks (which
 *   may be someone else's) does not choose the language of the warning about itself;
 * - enqueued in the activation's transaction (activateDevice's `also`): the device and its
 *   warning exist together, and the outbox worker delivers the warning after commit, also after
 *   a crash and a restart; a contact the notifier refuses is logged (without its text) and does
 *   not undo the activation.
 */
import type { Kysely } from 'kysely';
import { type MessageId, type Params, t } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import type { Identity } from '../../identity/Identity.ts';
import { MessageError } from '../../messages/MessageError.ts';
import type { MitidDb } from '../../mitid/db/schema.ts';
import { formatOrderDate, formatOrderTime } from '../../orders/formatOrderTime.ts';
import type { AppServerContext } from './appServerContext.ts';

/** The text in Danish and in English, joined by `separator`, with the date and time of `at`. */
export function bothLanguages(id: MessageId, separator: string, params: Params, at: number): string {
  return languages
    .map((lang) =>
      t(lang, id, { ...params, date: formatOrderDate(lang, at), time: formatOrderTime(lang, at) }),
    )
    .join(separator);
}

export async function notifyNewDevice(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  identity: Identity,
  deviceName: string,
  at: number,
): Promise<void> {
  for (const contact of identity.contacts) {
    const sms = contact.channel === 'mobile';
    try {
      await ctx.notifier.enqueue(trx, {
        channel: sms ? 'sms' : 'email',
        to: contact.value,
        subject: sms ? '' : bothLanguages('app.newDevice.subject', ' / ', { device: deviceName }, at),
        body: bothLanguages(
          sms ? 'app.newDevice.sms' : 'app.newDevice.email',
          '\n\n',
          { device: deviceName },
          at,
        ),
      });
    } catch (err) {
      // A refused message writes nothing (validated first), so the transaction goes on.
      if (!(err instanceof MessageError)) throw err;
      ctx.log.warn(
        { identityId: identity.id, channel: contact.channel, err: err.code },
        'new-device message not sent',
      );
    }
  }
}
