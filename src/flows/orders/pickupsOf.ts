/**
 * The clerk's list (the Borgerservice page): an office's pickup orders with a slot in
 * [dayStart, dayEnd), in time order, with the person's name and birth date from the person
 * registry (core/people) to compare with the photo ID. The CPR number itself is not on the list.
 */
import { fullName, PeopleStore } from '../../core/people/index.ts';
import type { Handover, OrderKind, OrderStatus } from './DeviceOrder.ts';
import type { OrderDeps } from './OrderDeps.ts';

export interface Pickup {
  orderId: string;
  kind: OrderKind;
  status: OrderStatus;
  startsAt: number;
  name: string;
  birthDate: string;
  /** The device waiting at the office (ready_for_pickup on). */
  serialNumber: string | null;
  handover: Handover | null;
}

export async function pickupsOf(
  deps: Pick<OrderDeps, 'db'>,
  officeId: string,
  dayStart: number,
  dayEnd: number,
): Promise<Pickup[]> {
  const rows = await deps.db
    .selectFrom('device_orders as o')
    .innerJoin('office_slots as s', 's.id', 'o.slot_id')
    .select([
      'o.id',
      'o.cpr',
      'o.kind',
      'o.status',
      's.starts_at',
      'o.serial_number',
      'o.handed_over_by',
      'o.handed_over_at',
      'o.id_type',
      'o.id_last4',
    ])
    .where('o.office_id', '=', officeId)
    .where('o.delivery', '=', 'pickup')
    .where('s.starts_at', '>=', dayStart)
    .where('s.starts_at', '<', dayEnd)
    .orderBy('s.starts_at')
    .orderBy('o.id')
    .execute();
  const people = new PeopleStore(deps.db);
  const out: Pickup[] = [];
  for (const r of rows) {
    const person = await people.getByCpr(r.cpr);
    out.push({
      orderId: r.id,
      kind: r.kind,
      status: r.status,
      startsAt: Number(r.starts_at),
      name: person ? fullName(person) : '',
      birthDate: person?.birthDate ?? '',
      serialNumber: r.serial_number,
      handover:
        r.handed_over_by !== null && r.handed_over_at !== null
          ? {
              staffId: r.handed_over_by,
              at: Number(r.handed_over_at),
              idType: r.id_type ?? '',
              idLast4: r.id_last4 ?? '',
            }
          : null,
    });
  }
  return out;
}
