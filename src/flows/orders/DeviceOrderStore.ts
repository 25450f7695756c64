/** Reading device orders. Works on a Kysely instance or inside a transaction. */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { type DeviceOrder, type OrderKind, orderFromRow } from './DeviceOrder.ts';

export class DeviceOrderStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  async get(id: string): Promise<DeviceOrder | undefined> {
    const row = await this.#db
      .selectFrom('device_orders')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && orderFromRow(row);
  }

  /** The person's orders, newest first. */
  async ordersOf(cpr: string): Promise<DeviceOrder[]> {
    const rows = await this.#db
      .selectFrom('device_orders')
      .selectAll()
      .where('cpr', '=', cpr)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(orderFromRow);
  }

  /** The person's order of this kind that is not yet delivered or collected, if any. */
  async openOrder(cpr: string, kind: OrderKind): Promise<DeviceOrder | undefined> {
    const row = await this.#db
      .selectFrom('device_orders')
      .selectAll()
      .where('cpr', '=', cpr)
      .where('kind', '=', kind)
      .where('open', '=', 1)
      .executeTakeFirst();
    return row && orderFromRow(row);
  }

  /** Every order not yet delivered or collected, oldest first. */
  async openOrders(): Promise<DeviceOrder[]> {
    const rows = await this.#db
      .selectFrom('device_orders')
      .selectAll()
      .where('open', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(orderFromRow);
  }
}
