/**
 * The activation's last step, all or nothing in one database transaction:
 *   the flow moves finish → done            (compare-and-set: a repeated finish does nothing)
 *   the identity row is locked               (an UPDATE first: on PostgreSQL a row lock, on SQLite
 *                                             the write lock, so two finishes for one person run
 *                                             one after the other and the count below holds)
 *   fewer than 3 active devices              (else too_many_devices, nothing written)
 *   the device is written
 *   the identity becomes active              (IdentityStore.setStatus, in the same transaction)
 *   an enrollment waiting at activation ends (EnrollmentStore.apply {type: 'activated'})
 *   `also` runs last, on the same transaction (the finish step enqueues the new-device warning
 *                                             and keeps its answer there: all of it, or nothing)
 */
import type { Kysely, Transaction } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { EnrollmentStore, enrollmentFromRow } from '../../../flows/enrollment/index.ts';
import { ActivationStore } from './ActivationStore.ts';
import { DeviceStore, MAX_ACTIVE_DEVICES, type NewDevice } from './DeviceStore.ts';

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
  activationId: string,
  device: NewDevice,
  now: number,
  also?: (trx: Transaction<MitidDb>) => Promise<void>,
): Promise<ActivateResult> {
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await new ActivationStore(trx).advance(activationId, 'finish', 'done', now, trx))) {
        throw new Refused('wrongStep');
      }
      const locked = await trx
        .updateTable('identities')
        .set({ updated_at: now })
        .where('id', '=', device.identityId)
        .where('status', 'in', ['pending_activation', 'active'])
        .executeTakeFirst();
      if (Number(locked.numUpdatedRows) !== 1) throw new Refused('identityGone');
      const devices = new DeviceStore(trx);
      if ((await devices.countActive(device.identityId, trx)) >= MAX_ACTIVE_DEVICES) {
        throw new Refused('tooManyDevices');
      }
      await devices.insert(device, now, trx);
      await new IdentityStore(trx).setStatus(device.identityId, 'active', now);
      const waiting = await trx
        .selectFrom('enrollments')
        .selectAll()
        .where('identity_id', '=', device.identityId)
        .where('open', '=', 1)
        .executeTakeFirst();
      if (waiting && enrollmentFromRow(waiting).state.step === 'activation') {
        await new EnrollmentStore(trx).apply(
          waiting.id,
          waiting.version,
          { type: 'activated' },
          {},
          now,
          trx,
        );
      }
      await also?.(trx);
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    throw err;
  }
}
