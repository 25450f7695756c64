/**
 * Takes one place in an office slot. Rules:
 * - one conditional UPDATE (booked < capacity and the slot not yet begun) is the whole check, so
 *   concurrent bookers can never pass the capacity: the database serialises the row updates, and
 *   the CHECK constraint of migration 0007 is the backstop;
 * - a slot that has begun (starts_at <= now) is 'slotPast', a full one 'slotFull', an unknown id
 *   'slotNotFound'; the reason is looked up only after the UPDATE changed nothing.
 * Pass a transaction to book together with other writes (placeOrder does).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { OfficeStore, type Slot } from './OfficeStore.ts';

export type SlotRefusal = 'slotNotFound' | 'slotPast' | 'slotFull';

export type BookSlotResult = { ok: true; slot: Slot } | { ok: false; reason: SlotRefusal };

export async function bookSlot(db: Kysely<MitidDb>, clock: Clock, slotId: string): Promise<BookSlotResult> {
  const now = clock.now().getTime();
  const updated = await db
    .updateTable('office_slots')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('id', '=', slotId)
    .whereRef('booked', '<', 'capacity')
    .where('starts_at', '>', now)
    .executeTakeFirst();
  const slot = await new OfficeStore(db).getSlot(slotId);
  if (Number(updated.numUpdatedRows) === 1 && slot) return { ok: true, slot };
  if (!slot) return { ok: false, reason: 'slotNotFound' };
  if (slot.startsAt <= now) return { ok: false, reason: 'slotPast' };
  return { ok: false, reason: 'slotFull' };
}
