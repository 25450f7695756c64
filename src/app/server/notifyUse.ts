/**
 * "Du kan også vælge at få besked, hver gang dit personlige MitID bliver anvendt" (the guide): when
 * the device chose it at activation, every approval it makes is announced by SMS (or by e-mail
 * when no mobile number is confirmed), naming the service and the time. Rules:
 * - approvals only (a rejection used nothing);
 * - Danish, then English, as the new-device warning;
 * - sent after the decision is stored; a message that cannot be sent is logged and changes nothing.
 */
import type { Identity } from '../../identity/Identity.ts';
import type { AppServerContext } from './appServerContext.ts';
import { bothLanguages } from './notifyNewDevice.ts';

export async function notifyUse(
  ctx: AppServerContext,
  identity: Identity,
  serviceName: string,
  at: number,
): Promise<void> {
  const contact = identity.contacts.find((c) => c.channel === 'mobile') ?? identity.contacts[0];
  if (!contact) return;
  const sms = contact.channel === 'mobile';
  try {
    await ctx.notifier.send({
      channel: sms ? 'sms' : 'email',
      to: contact.value,
      subject: sms ? '' : bothLanguages('app.use.subject', ' / ', { service: serviceName }, at),
      body: bothLanguages('app.use.body', '\n\n', { service: serviceName }, at),
    });
  } catch (err) {
    ctx.log.warn({ identityId: identity.id, err: (err as Error).name }, 'use notice not sent');
  }
}
