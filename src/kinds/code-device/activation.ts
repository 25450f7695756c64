/**
 * Activating a code device (decision 0014 §3, §5): the wizard's step "Indtast serienummeret" and
 * "Tryk på knappen, og indtast koden". Rules:
 * - a serial is the person's only while it is reserved for an order of their CPR number (the
 *   order's CPR comes through the port `orderCprOf`: the orders' table is not this module's); an
 *   unknown serial and another person's answer alike (serialNotYours), and neither is counted here
 *   (the wizard limits wrong serials per enrollment);
 * - the code is counted on the stock row before comparing and slowed as at login;
 *   verifyForActivation commits on its own, so a rolled-back activation keeps its count;
 * - bind, in the activation's transaction (after Authenticators.activate made the row), moves the
 *   stock reserved → activated by one conditional UPDATE and inserts code_devices with the step
 *   just used as last_step: the activation's code never logs in, and a serial is bound once.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { countedColumns, leftAfter } from './countAttempt.ts';
import type { DeviceSecretSealer } from './secretSealer.ts';
import { normaliseSerial } from './serial.ts';
import type { CodeDeviceKind } from './tables.ts';
import { isCodeFormat, matchStep, stepAt } from './totp.ts';

/** The orders' port: the CPR number of the order a device was reserved for. */
/** `db`: the caller's transaction, when there is one (bind's): on SQLite the one connection is
 *  held by it, so a read outside it would wait for ever. */
export type OrderCprOf = (orderId: string, db?: Kysely<MitidDb>) => Promise<string | undefined>;

export type ActivationRefusal =
  | { ok: false; code: 'serialFormat' | 'serialNotYours' | 'codeFormat' | 'alreadyActivated' }
  | { ok: false; code: 'codeWrong'; left: number }
  | { ok: false; code: 'slowed'; until: number };

export type Verified = { ok: true; serial: string; step: number; driftSteps: number };

export interface ActivationInput {
  cpr: string;
  kind: CodeDeviceKind;
  serial: string;
  code: string;
}

export async function verifyForActivation(
  db: Kysely<MitidDb>,
  sealer: DeviceSecretSealer,
  orderCprOf: OrderCprOf,
  input: ActivationInput,
  now: number,
): Promise<Verified | ActivationRefusal> {
  const serial = normaliseSerial(input.serial);
  if (!serial) return { ok: false, code: 'serialFormat' };
  const code = input.code.replace(/\s/g, '');
  if (!isCodeFormat(code)) return { ok: false, code: 'codeFormat' };
  const row = await db
    .selectFrom('code_device_stock')
    .select(['kind', 'status', 'order_id'])
    .where('serial', '=', serial)
    .executeTakeFirst();
  const ordered = row?.order_id ? await orderCprOf(row.order_id) : undefined;
  if (!row || row.kind !== input.kind || ordered !== input.cpr) return { ok: false, code: 'serialNotYours' };
  if (row.status === 'activated') return { ok: false, code: 'alreadyActivated' };
  if (row.status !== 'reserved') return { ok: false, code: 'serialNotYours' };

  const c = countedColumns({ failures: 'failures', rounds: 'rounds', blockedUntil: 'blocked_until' }, now);
  const counted = await db
    .updateTable('code_device_stock')
    .set({ failures: c.failures, rounds: c.rounds, blocked_until: c.blockedUntil, updated_at: now })
    .where('serial', '=', serial)
    .where('status', '=', 'reserved')
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .returning(['secret', 'failures', 'blocked_until'])
    .executeTakeFirst();
  if (!counted) {
    const lock = await db
      .selectFrom('code_device_stock')
      .select(['status', 'blocked_until'])
      .where('serial', '=', serial)
      .executeTakeFirst();
    if (lock?.status === 'activated') return { ok: false, code: 'alreadyActivated' };
    if (lock?.blocked_until != null && Number(lock.blocked_until) > now)
      return { ok: false, code: 'slowed', until: Number(lock.blocked_until) };
    return { ok: false, code: 'serialNotYours' };
  }
  const secret = sealer.open(counted.secret, serial);
  const step = secret ? matchStep(secret, code, now, 0, null) : undefined;
  const until = counted.blocked_until === null ? null : Number(counted.blocked_until);
  if (step === undefined) {
    if (until !== null && until > now) return { ok: false, code: 'slowed', until };
    return { ok: false, code: 'codeWrong', left: leftAfter(Number(counted.failures)) };
  }
  await db
    .updateTable('code_device_stock')
    .set({ failures: 0, rounds: 0, blocked_until: null, updated_at: now })
    .where('serial', '=', serial)
    .where('status', '=', 'reserved')
    .execute();
  return { ok: true, serial, step, driftSteps: step - stepAt(now) };
}

export interface BindInput {
  identityId: string;
  serial: string;
  /** The step verifyForActivation accepted: never accepted again. */
  step: number;
  authenticatorId: string;
  /** The drift verifyForActivation found (default: the step against now). */
  driftSteps?: number;
}

/** In the activation's transaction: the device becomes the person's, once. */
export async function bindDevice(
  trx: Kysely<MitidDb>,
  orderCprOf: OrderCprOf,
  input: BindInput,
  now: number,
): Promise<{ ok: true } | { ok: false; code: 'serialNotYours' | 'alreadyActivated' }> {
  const serial = normaliseSerial(input.serial);
  if (!serial) return { ok: false, code: 'serialNotYours' };
  const row = await trx
    .selectFrom('code_device_stock')
    .select(['status', 'order_id'])
    .where('serial', '=', serial)
    .executeTakeFirst();
  const person = await trx
    .selectFrom('identities')
    .select('cpr')
    .where('id', '=', input.identityId)
    .executeTakeFirst();
  const ordered = row?.order_id ? await orderCprOf(row.order_id, trx) : undefined;
  if (!row || !person || ordered !== person.cpr) return { ok: false, code: 'serialNotYours' };
  const moved = await trx
    .updateTable('code_device_stock')
    .set({ status: 'activated', updated_at: now })
    .where('serial', '=', serial)
    .where('status', '=', 'reserved')
    .where('order_id', '=', row.order_id)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return { ok: false, code: 'alreadyActivated' };
  await trx
    .insertInto('code_devices')
    .values({
      authenticator_id: input.authenticatorId,
      serial,
      last_step: input.step,
      drift_steps: input.driftSteps ?? input.step - stepAt(now),
      failures: 0,
      rounds: 0,
      blocked_until: null,
      trusted_browser_hash: null,
      trusted_failures: 0,
      trusted_rounds: 0,
      trusted_blocked_until: null,
    })
    .execute();
  return { ok: true };
}
