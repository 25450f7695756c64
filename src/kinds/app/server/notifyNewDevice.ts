/**
 * "MitID app er aktiveret på en ny enhed": an SMS and an e-mail to each confirmed contact of the
 * identity whenever a device is activated, so a person learns at once if someone else did it.
 * Rules:
 * - Danish, then English (warnContacts): the device that asks, maybe someone else's, does not
 *   choose the language of the warning about itself;
 * - enqueued in the activation's transaction (activateDevice's `also`): the device and its
 *   warning exist together, and the outbox worker delivers the warning after commit, also after
 *   a crash and a restart; a contact the notifier refuses is logged (without its text) and does
 *   not undo the activation.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import type { AppServerContext } from './appServerContext.ts';
import { warnContacts } from './warnContacts.ts';

const texts = {
  subject: 'app.newDevice.subject',
  sms: 'app.newDevice.sms',
  email: 'app.newDevice.email',
} as const;

export async function notifyNewDevice(
  ctx: AppServerContext,
  trx: Kysely<MitidDb>,
  identity: Identity,
  deviceName: string,
  at: number,
): Promise<void> {
  await warnContacts(ctx, trx, identity, texts, { device: deviceName }, at, 'new-device');
}
