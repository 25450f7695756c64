/**
 * "MitID app er aktiveret på en ny enhed": an SMS and an e-mail to each confirmed contact of the
 * identity whenever a device is activated, so a person learns at once if someone else did it.
 * Sent after the activation is stored; a message that cannot be sent is logged (without its
 * text) and does not undo the activation.
 */
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import type { Identity } from '../../identity/Identity.ts';
import { formatOrderDate, formatOrderTime } from '../../orders/formatOrderTime.ts';
import type { AppServerContext } from './appServerContext.ts';

export async function notifyNewDevice(
  ctx: AppServerContext,
  identity: Identity,
  deviceName: string,
  lang: Lang,
  at: number,
): Promise<void> {
  const params = { device: deviceName, date: formatOrderDate(lang, at), time: formatOrderTime(lang, at) };
  for (const contact of identity.contacts) {
    const sms = contact.channel === 'mobile';
    try {
      await ctx.notifier.send({
        channel: sms ? 'sms' : 'email',
        to: contact.value,
        subject: sms ? '' : t(lang, 'app.newDevice.subject'),
        body: t(lang, sms ? 'app.newDevice.sms' : 'app.newDevice.email', params),
      });
    } catch (err) {
      ctx.log.warn(
        { identityId: identity.id, channel: contact.channel, err: (err as Error).name },
        'new-device message not sent',
      );
    }
  }
}
