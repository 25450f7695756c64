/**
 * "Du kan også vælge at få besked, hver gang dit personlige MitID bliver anvendt" (the guide): when
 * the device chose it at activation, every approval it makes is announced by SMS (or by e-mail
 * when no mobile number is confirmed), naming the service and the time. Rules:
 * - approvals only (a rejection used nothing);
 * - Danish, then English, as the new-device warning;
 * - enqueued in the decision's transaction: the approval and its notice exist together, and the
 *   outbox worker delivers it after commit; a message the notifier refuses is logged and changes
 *   nothing.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import { MessageError } from '../../../core/messages/index.ts';
import type { AppServerContext } from './appServerContext.ts';
import { bothLanguages } from './warnContacts.ts';

export async function notifyUse(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  identity: Identity,
  serviceName: string,
  at: number,
): Promise<void> {
  const contact = identity.contacts.find((c) => c.channel === 'mobile') ?? identity.contacts[0];
  if (!contact) return;
  const sms = contact.channel === 'mobile';
  try {
    await ctx.notifier.enqueue(trx, {
      channel: sms ? 'sms' : 'email',
      to: contact.value,
      subject: sms ? '' : bothLanguages('app.use.subject', ' / ', { service: serviceName }, at),
      body: bothLanguages('app.use.body', '\n\n', { service: serviceName }, at),
    });
  } catch (err) {
    if (!(err instanceof MessageError)) throw err;
    ctx.log.warn({ identityId: identity.id, err: err.code }, 'use notice not sent');
  }
}
