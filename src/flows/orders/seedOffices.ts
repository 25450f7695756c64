/**
 * Creates the Borgerservice offices and their time slots. Rules:
 * - idempotent: an office is known by its stable id, a slot by (office, start), and both are
 *   inserted with ON CONFLICT DO NOTHING, so seeding twice (or two processes at once) adds nothing
 *   and never touches a slot's bookings;
 * - slots follow the slot plan in Copenhagen wall-clock time (summer time included) and only lie
 *   in the future; seeding again on a later day extends the window, it never removes old slots.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import { addDays, copenhagenDate, copenhagenEpoch, isWeekday } from '../../platform/time/copenhagenTime.ts';
import { demoOffices, type Office } from './demoOffices.ts';
import { type SlotPlan, slotPlan } from './slotPlan.ts';

export interface SeedResult {
  /** Offices and slots inserted by this call (0 and 0 when everything existed). */
  offices: number;
  slots: number;
}

export async function seedOffices(
  db: Kysely<MitidDb>,
  clock: Clock,
  random: Random,
  offices: readonly Office[] = demoOffices,
  plan: SlotPlan = slotPlan,
): Promise<SeedResult> {
  const now = clock.now().getTime();
  const starts = slotStarts(now, plan);
  const result: SeedResult = { offices: 0, slots: 0 };
  for (const office of offices) {
    const inserted = await db
      .insertInto('borgerservice_offices')
      .values({
        id: office.id,
        municipality_code: office.municipalityCode,
        name: office.name,
        street: office.street,
        postal_code: office.postalCode,
        city: office.city,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    result.offices += Number(inserted.numInsertedOrUpdatedRows ?? 0);
    if (starts.length === 0) continue;
    const slots = await db
      .insertInto('office_slots')
      .values(
        starts.map((startsAt) => ({
          id: random.token(12),
          office_id: office.id,
          starts_at: startsAt,
          capacity: plan.capacity,
          booked: 0,
        })),
      )
      .onConflict((oc) => oc.columns(['office_id', 'starts_at']).doNothing())
      .executeTakeFirst();
    result.slots += Number(slots.numInsertedOrUpdatedRows ?? 0);
  }
  return result;
}

/** Every slot start of the plan after `now`. */
export function slotStarts(now: number, plan: SlotPlan = slotPlan): number[] {
  const today = copenhagenDate(now);
  const starts: number[] = [];
  for (let i = 0; i < plan.days; i++) {
    const date = addDays(today, i);
    if (!isWeekday(date)) continue;
    for (let m = plan.opensAt; m + plan.stepMinutes <= plan.closesAt; m += plan.stepMinutes) {
      const startsAt = copenhagenEpoch(date, Math.floor(m / 60), m % 60);
      if (startsAt > now) starts.push(startsAt);
    }
  }
  return starts;
}
