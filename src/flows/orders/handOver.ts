/**
 * The Borgerservice handover of a pickup order (decision 0014 §5): the person shows photo ID, the
 * clerk scans or types the device's serial, and the order becomes `collected` with the clerk, the
 * time and the ID recorded (its type and the last four characters of its number: never the whole
 * number). Rules:
 * - the input is checked first ('idInvalid': an unknown ID type, or not 4 letters/digits);
 * - ONE conditional UPDATE: ready_for_pickup → collected, only when the serial typed is the
 *   order's. Repeated or concurrent handovers of one order: one writes, the others are answered
 *   'alreadyCollected';
 * - a refusal is explained from the order as it then is: 'orderNotFound' (no such pickup order),
 *   'notReady' (not at the office yet), 'serialMismatch' (another device), 'alreadyCollected'.
 *   Nothing is changed by a refusal.
 */

import { DeviceOrderStore } from './DeviceOrderStore.ts';
import type { OrderDeps } from './OrderDeps.ts';

/** The photo IDs Borgerservice accepts (selfservice.md §3.6). */
export const photoIdTypes = ['passport', 'drivingLicence', 'residenceCard'] as const;
export type PhotoIdType = (typeof photoIdTypes)[number];

export interface HandOverInput {
  orderId: string;
  /** As scanned or typed: spaces and case do not matter ("kv-123 456 789"). */
  serial: string;
  staffId: string;
  idType: PhotoIdType;
  /** The last four characters of the ID's number. */
  idLast4: string;
}

export type HandOverRefusal =
  | 'orderNotFound'
  | 'notReady'
  | 'serialMismatch'
  | 'alreadyCollected'
  | 'idInvalid';

export type HandOverResult = { ok: true } | { ok: false; reason: HandOverRefusal };

/** "kv-123 456 789" → "KV-123456789". */
export function normalizeSerial(serial: string): string {
  return serial.replace(/\s+/g, '').toUpperCase();
}

export async function handOver(deps: OrderDeps, input: HandOverInput): Promise<HandOverResult> {
  const idLast4 = String(input.idLast4 ?? '')
    .trim()
    .toUpperCase();
  if (!(photoIdTypes as readonly string[]).includes(input.idType) || !/^[0-9A-Z]{4}$/.test(idLast4)) {
    return { ok: false, reason: 'idInvalid' };
  }
  if (typeof input.staffId !== 'string' || input.staffId === '')
    throw new TypeError('a handover needs the clerk');
  const serial = normalizeSerial(String(input.serial ?? ''));
  const now = deps.clock.now().getTime();
  const updated = await deps.db
    .updateTable('device_orders')
    .set({
      status: 'collected',
      open: 0,
      handed_over_by: input.staffId,
      handed_over_at: now,
      id_type: input.idType,
      id_last4: idLast4,
      updated_at: now,
    })
    .where('id', '=', input.orderId)
    .where('delivery', '=', 'pickup')
    .where('status', '=', 'ready_for_pickup')
    .where('serial_number', '=', serial)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return { ok: true };

  const order = await new DeviceOrderStore(deps.db).get(input.orderId);
  if (order?.delivery !== 'pickup') return { ok: false, reason: 'orderNotFound' };
  if (order.status === 'collected') return { ok: false, reason: 'alreadyCollected' };
  if (order.status !== 'ready_for_pickup') return { ok: false, reason: 'notReady' };
  return { ok: false, reason: 'serialMismatch' };
}
