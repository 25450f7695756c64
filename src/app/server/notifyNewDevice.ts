/**
 * "MitID app er aktiveret på en ny enhed": an SMS and an e-mail to each confirmed contact of the
 * identity whenever a device is activated, so a person learns at once if someone else did it.
 * Rules:
 * - Danish, then English: the person's language is not known, and the device that asks (which
 *   may be someone else's) does not choose the language of the warning about itself;
 * - sent after the activation is stored; a message that cannot be sent is logged (without its
 *   text) and does not undo the activation.
 */
import { type MessageId, type Params, t } from '../../i18n/catalogue.ts';
import { languages } from '../../i18n/types.ts';
import type { Identity } from '../../identity/Identity.ts';
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
  identity: Identity,
  deviceName: string,
  at: number,
): Promise<void> {
  for (const contact of identity.contacts) {
    const sms = contact.channel === 'mobile';
    try {
      await ctx.notifier.send({
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
      ctx.log.warn(
        { identityId: identity.id, channel: contact.channel, err: (err as Error).name },
        'new-device message not sent',
      );
    }
  }
}
