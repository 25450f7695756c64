/**
 * Step 2's reward: a temporary PIN (8 digits, 15 minutes, 3 tries) for this activation, by SMS to
 * the identity's confirmed mobile number, or handed back to the app when there is none ("direkte
 * i appen"). Never logged; only the masked number is returned when it went by SMS. The code and
 * its SMS are written on the caller's transaction (issueTemporaryPin), so the flow's move, the
 * code and the message exist together or not at all.
 */

import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import { t } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import type { Activation } from './ActivationStore.ts';
import { temporaryPinFlow, temporaryPinPolicy } from './appCodePolicies.ts';
import { refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';
import { maskMobile } from './maskMobile.ts';

export type TemporaryPinSent = { sentTo: string } | { temporaryPin: string };

/** Issues the temporary PIN and enqueues its SMS on `trx`, the step's transaction. */
export async function issueTemporaryPin(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  activation: Activation,
  identity: Identity,
  lang: Lang,
): Promise<TemporaryPinSent> {
  const issued = await ctx
    .codesOn(trx)
    .issue(temporaryPinFlow(activation.id), temporaryPinPolicy, identity.id);
  if (!issued.ok) throw refuse('wrong_step'); // sent once per activation: a second send is a repeated step
  const mobile = identity.contacts.find((c) => c.channel === 'mobile');
  if (!mobile) return { temporaryPin: issued.code };
  await ctx.notifier.enqueue(trx, {
    channel: 'sms',
    to: mobile.value,
    subject: '',
    body: t(lang, 'app.temporaryPin.sms', { pin: issued.code }),
  });
  return { sentTo: maskMobile(mobile.value) };
}

/** The same in a transaction of its own (a flow started with a transfer code). */
export async function sendTemporaryPin(
  ctx: AppServerContext,
  activation: Activation,
  identity: Identity,
  lang: Lang,
): Promise<TemporaryPinSent> {
  return ctx.notifier.transaction((trx) => issueTemporaryPin(ctx, trx, activation, identity, lang));
}
