/**
 * 0034_gates (issue 11, decision 0014 §6): the waiting periods of MitID.dk's self-service
 * (src/flows/selfservice/Gates.ts). One row per "Anmod om adgang":
 * - one live gate (waiting or open) per person and action: a unique partial index, so two
 *   requests at once make one gate (the loser reads the winner's);
 * - used, cancelled and expired rows stay (the person's history; issue 12's support reads it);
 * - gates_due finds the gates whose opening notice is due (the sweep).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const gatesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('gates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'bigint', (c) => c.notNull())
      .addColumn('opens_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('notified_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('gates_live_identity_action')
      .on('gates')
      .columns(['identity_id', 'action'])
      .unique()
      .where(sql.ref('status'), 'in', sql`('waiting', 'open')`)
      .execute();
    await db.schema.createIndex('gates_identity').on('gates').column('identity_id').execute();
    await db.schema.createIndex('gates_due').on('gates').columns(['status', 'opens_at']).execute();
  },
};
