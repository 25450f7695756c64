/**
 * The activation's last step, all or nothing in one database transaction:
 *   the flow moves finish → done              (compare-and-set: a repeated finish does nothing)
 *   Authenticators.activate                    (locks the identity row, keeps the 3-device limit,
 *                                               writes the authenticator, and runs the hooks of
 *                                               authenticator.activated: the identity becomes
 *                                               active, a waiting enrollment ends, the owner's
 *                                               new-device warning is queued)
 *   the app's data: key, PIN record            (DeviceStore.insert)
 *   the person's "besked hver gang", if chosen
 *   `also` runs last, on the same transaction  (the finish step keeps its answer there)
 * A throw anywhere (a hook included) leaves nothing: no device, the flow at its step.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Authenticators } from '../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { ActivationStore } from './ActivationStore.ts';
import { DeviceStore, type NewDevice } from './DeviceStore.ts';

export type ActivateResult =
  | { ok: true }
  | { ok: false; reason: 'wrongStep' | 'tooManyDevices' | 'identityGone' };

class Refused extends Error {
  readonly reason: 'wrongStep' | 'tooManyDevices' | 'identityGone';
  constructor(reason: Refused['reason']) {
    super(reason);
    this.reason = reason;
  }
}

export async function activateDevice(
  db: Kysely<MitidDb>,
  authenticators: Authenticators,
  activationId: string,
  device: NewDevice & { notifyEveryUse: boolean },
  now: number,
  also?: (trx: Transaction<MitidDb>) => Promise<void>,
): Promise<ActivateResult> {
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await new ActivationStore(trx).advance(activationId, 'finish', 'done', now, trx))) {
        throw new Refused('wrongStep');
      }
      const activated = await authenticators.activate(trx, {
        id: device.id,
        identityId: device.identityId,
        kind: 'app',
        label: device.name,
      });
      if (!activated.ok) {
        throw new Refused(
          activated.code === 'ERR_TOO_MANY_AUTHENTICATORS' ? 'tooManyDevices' : 'identityGone',
        );
      }
      await new DeviceStore(trx).insert(device, now, trx);
      if (device.notifyEveryUse) await new IdentityStore(trx).setNotifyEveryUse(device.identityId, true, now);
      await also?.(trx);
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    throw err;
  }
}
