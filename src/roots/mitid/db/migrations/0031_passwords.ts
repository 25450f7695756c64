/**
 * 0031_passwords (issue 11, decision 0014 §2): the MitID password's own data, one row per
 * authenticator of kind 'password' (its status is the authenticator's).
 * - hash: the Argon2id PHC string (never the password);
 * - failures: wrong passwords in a row, counted before each comparison (CHECK ≥ 0); 10 or more is
 *   the lock for good; blocked_until: the 15-minute lock after each 3rd wrong, epoch ms;
 * - changed_at: when the password was made or last changed (MitID.dk shows it).
 * The row goes with its authenticator (ON DELETE CASCADE).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const passwordsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('passwords')
      .addColumn('authenticator_id', 'text', (c) =>
        c.primaryKey().references('authenticators.id').onDelete('cascade'),
      )
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0).check(sql`failures >= 0`))
      .addColumn('blocked_until', 'bigint')
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
