/**
 * 0029_backchannel_logouts (issue 10, decision 0013 §4): the back-channel logout tokens still to
 * be delivered after a MitID session ended (src/flows/login/provider/sessions.ts), one row per
 * client of the session, so that a delivery survives its node's crash and any node retries it.
 * - written before the first try; a delivered one is deleted;
 * - next_at (epoch ms) is when it may be tried: a node claims a due row with one conditional
 *   UPDATE (`next_at <= now` → `now + lease`), so two nodes never send it at once; a failed try
 *   adds 1 to attempts and sets next_at by the retry delays; null: given up after the last try
 *   (kept a day after created_at for inspection, then swept);
 * - last_error is the last failure's short reason (the library's message, no token, no secret).
 */
import type { Kysely, Migration } from 'kysely';

export const backchannelLogoutsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('backchannel_logouts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('sid', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createIndex('backchannel_logouts_next')
      .on('backchannel_logouts')
      .column('next_at')
      .execute();
    await db.schema
      .createIndex('backchannel_logouts_created')
      .on('backchannel_logouts')
      .column('created_at')
      .execute();
  },
};
