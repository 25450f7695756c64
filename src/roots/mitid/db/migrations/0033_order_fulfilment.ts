/**
 * 0033_order_fulfilment (issue 11, decision 0014 §5): what an order needs from the warehouse to the
 * door (src/flows/orders).
 * - price_ore: the price when ordered, in øre (the first three code devices free, then 41,76 kr /
 *   41,71 kr; a chip 143,60 kr); orders placed before this migration cost nothing (0);
 * - lang: the language of the order's letters ('da' | 'en'), so the shipped letter, written days
 *   later by the warehouse, speaks as the first one did;
 * - handed_over_by / handed_over_at / id_type / id_last4: the Borgerservice handover of a pickup
 *   order (the clerk, the time, the kind of photo ID and the last four characters of its number:
 *   never the whole number);
 * - kind may now also be 'chip' (a text column: no CHECK to change).
 * SQLite and PostgreSQL both take ALTER TABLE … ADD COLUMN with a constant default.
 */
import type { Kysely, Migration } from 'kysely';

export const orderFulfilmentMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const add = () => db.schema.alterTable('device_orders');
    await add()
      .addColumn('price_ore', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await add()
      .addColumn('lang', 'text', (c) => c.notNull().defaultTo('da'))
      .execute();
    await add().addColumn('handed_over_by', 'text').execute();
    await add().addColumn('handed_over_at', 'bigint').execute();
    await add().addColumn('id_type', 'text').execute();
    await add().addColumn('id_last4', 'text').execute();
    // The clerk's list of the day: an office's pickup orders.
    await db.schema.createIndex('device_orders_office').on('device_orders').column('office_id').execute();
  },
};
