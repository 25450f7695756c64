/**
 * 0024_activity: the person's activity log (issue 9 item 6; src/core/activity). One row per
 * authentication of a known person once it ended (approved, rejected, cancelled, expired):
 * - authentication_id is unique: each authentication is recorded once, whoever records it (the
 *   decision's hook, the sweep, two nodes' sweeps at once);
 * - the reader pages a person's rows newest first by (at, id), hence the index;
 * - activity_sweep holds how far the sweep has recorded expiries;
 * - the authentications decided before this migration are copied in (id `m-<authentication id>`),
 *   so the log starts with the history; the expired ones are the first sweep's.
 * client_id is a plain column, as in authentications: the client registry is another package's.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const activityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('activity')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('kind', 'text')
      .addColumn('authenticator_id', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('cancel_reason', 'text')
      .addColumn('authentication_id', 'text', (c) => c.unique())
      .addCheckConstraint(
        'activity_result_known',
        sql`result in ('approved', 'rejected', 'cancelled', 'expired')`,
      )
      .addCheckConstraint('activity_level_known', sql`level in ('low', 'substantial', 'high')`)
      .execute();
    await db.schema
      .createIndex('activity_identity_at')
      .on('activity')
      .columns(['identity_id', 'at', 'id'])
      .execute();
    await db.schema
      .createTable('activity_sweep')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('swept_until', 'bigint', (c) => c.notNull())
      .execute();
    await sql`
      insert into activity (id, identity_id, at, client_id, service_name, action, kind,
        authenticator_id, level, result, cancel_reason, authentication_id)
      select 'm-' || t.id, t.identity_id, coalesce(t.decided_at, t.expires_at), t.client_id,
        t.service_name, t.action, t.kind, t.authenticator_id,
        case when t.status = 'approved' then t.loa else t.requested_level end,
        t.status, t.cancel_reason, t.id
      from authentications t
      where t.identity_id is not null and t.status in ('approved', 'rejected', 'cancelled')`.execute(db);
  },
};
