/**
 * 0030_code_devices (issue 11, decision 0014 §1.1): the code devices' stock and the activated ones
 * (src/kinds/code-device).
 * - code_device_stock: one row per device of an imported PSKC file; the seed sealed; status moves
 *   in_stock → reserved (an order) → activated (a person's) or retired, each by one conditional
 *   UPDATE; an order holds at most one device (a unique partial index on order_id), so reserving
 *   again for the same order finds the one it has. The activation's wrong codes are counted on
 *   the row (failures, rounds, blocked_until) until the device is bound.
 * - code_devices: keyed by the authenticator, its serial unique (a device is one person's), the
 *   TOTP state (last_step, drift_steps) and the two slow-down counters: any browser's and the
 *   trusted browser's (the one that last succeeded).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const codeDevicesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('code_device_stock')
      .addColumn('serial', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('batch', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('algorithm', 'text', (c) => c.notNull())
      .addColumn('digits', 'integer', (c) => c.notNull())
      .addColumn('period', 'integer', (c) => c.notNull())
      .addColumn('t0', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked_until', 'bigint')
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addCheckConstraint('code_device_stock_kind', sql`kind in ('codeDisplay', 'codeReader')`)
      .addCheckConstraint(
        'code_device_stock_status',
        sql`status in ('in_stock', 'reserved', 'activated', 'retired')`,
      )
      .addCheckConstraint(
        'code_device_stock_totp',
        sql`algorithm = 'SHA1' and digits = 6 and period = 30 and t0 = 0`,
      )
      .addCheckConstraint('code_device_stock_failures', sql`failures >= 0 and rounds >= 0`)
      .execute();
    await db.schema
      .createIndex('code_device_stock_kind_status')
      .on('code_device_stock')
      .columns(['kind', 'status'])
      .execute();
    await db.schema
      .createIndex('code_device_stock_order')
      .on('code_device_stock')
      .column('order_id')
      .unique()
      .where(sql.ref('order_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('code_devices')
      .addColumn('authenticator_id', 'text', (c) =>
        c.primaryKey().references('authenticators.id').onDelete('cascade'),
      )
      .addColumn('serial', 'text', (c) => c.notNull().unique().references('code_device_stock.serial'))
      .addColumn('last_step', 'bigint', (c) => c.notNull())
      .addColumn('drift_steps', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked_until', 'bigint')
      .addColumn('trusted_browser_hash', 'text')
      .addColumn('trusted_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('trusted_rounds', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('trusted_blocked_until', 'bigint')
      .addCheckConstraint(
        'code_devices_counters',
        sql`failures >= 0 and rounds >= 0 and trusted_failures >= 0 and trusted_rounds >= 0`,
      )
      .execute();
  },
};
