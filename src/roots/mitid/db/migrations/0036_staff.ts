/**
 * 0036_staff (issue 11, decision 0014 §5): the staff registry (src/core/staff).
 * - staff: a clerk of a Borgerservice office (office_id, e.g. bs-101) or a MitID supporter (null);
 *   login is stored normalised and unique; password_hash is Argon2id PHC; disabled_at keeps the
 *   row (handovers name it) while the member can no longer log in;
 * - staff_login_counters: the guessing counters of staff logins, per login hash and per address.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const staffMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('office_id', 'text')
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('clerk', 'supporter')`))
      .addColumn('login', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute();
    await db.schema.createIndex('staff_office').on('staff').column('office_id').execute();
    await db.schema
      .createTable('staff_login_counters')
      .addColumn('counter_key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
