/**
 * Reading Borgerservice offices and their slots. Works on a Kysely instance or inside a
 * transaction. Booking is bookSlot.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { BorgerserviceOfficesTable, MitidDb, OfficeSlotsTable } from '../../core/db/index.ts';
import type { Office } from './demoOffices.ts';

export interface Slot {
  id: string;
  officeId: string;
  startsAt: number;
  capacity: number;
  booked: number;
}

export class OfficeStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  /** The offices, in one municipality or all; by name. */
  async listOffices(municipalityCode?: string): Promise<Office[]> {
    let query = this.#db.selectFrom('borgerservice_offices').selectAll();
    if (municipalityCode !== undefined) query = query.where('municipality_code', '=', municipalityCode);
    return (await query.orderBy('name').orderBy('id').execute()).map(officeFromRow);
  }

  async getOffice(id: string): Promise<Office | undefined> {
    const row = await this.#db
      .selectFrom('borgerservice_offices')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && officeFromRow(row);
  }

  /** Slots of the office starting in [from, to) with a free place, earliest first. */
  async freeSlots(officeId: string, from: number, to: number): Promise<Slot[]> {
    const rows = await this.#db
      .selectFrom('office_slots')
      .selectAll()
      .where('office_id', '=', officeId)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .whereRef('booked', '<', 'capacity')
      .orderBy('starts_at')
      .execute();
    return rows.map(slotFromRow);
  }

  async getSlot(id: string): Promise<Slot | undefined> {
    const row = await this.#db.selectFrom('office_slots').selectAll().where('id', '=', id).executeTakeFirst();
    return row && slotFromRow(row);
  }
}

export function officeFromRow(row: Selectable<BorgerserviceOfficesTable>): Office {
  return {
    id: row.id,
    municipalityCode: row.municipality_code,
    name: row.name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
  };
}

export function slotFromRow(row: Selectable<OfficeSlotsTable>): Slot {
  return {
    id: row.id,
    officeId: row.office_id,
    startsAt: Number(row.starts_at),
    capacity: Number(row.capacity),
    booked: Number(row.booked),
  };
}
