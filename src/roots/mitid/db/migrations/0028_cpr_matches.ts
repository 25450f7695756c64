/**
 * 0028_cpr_matches (issue 10 item 5, decision 0013 §6): a private service's CPR match, one row per
 * provider session (src/flows/login/provider/cprMatch.ts).
 * - session_uid is the key: the tries are the session's, whichever client asked; identity_id and
 *   login_ts name the login the tries belong to, so a new MitID login (another login_ts) starts
 *   again at no tries, and the row is rewritten by one conditional upsert;
 * - mismatches is counted by one conditional UPDATE (`mismatches < 3`), so parallel requests
 *   never get a fourth try; matched_at is set once the number typed matched;
 * - the number typed is never stored (a match is the person's own CPR);
 * - expires_at (epoch ms: the session's end) is what the sweep deletes by.
 * Min Bank becomes a private service (decision 0013 §1): the oidc.cpr that 0023 gave it is taken
 * away here (a fresh database gets it without from configuredClients).
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const cprMatchesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('cpr_matches')
      .addColumn('session_uid', 'text', (c) => c.primaryKey())
      .addColumn('identity_id', 'text', (c) => c.notNull())
      .addColumn('login_ts', 'bigint', (c) => c.notNull())
      .addColumn('mismatches', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('matched_at', 'bigint')
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cpr_matches_expires').on('cpr_matches').column('expires_at').execute();
    const rows = await sql<{ permissions: string }>`
      select permissions from clients where id = 'minbank'
    `.execute(db);
    const row = rows.rows[0];
    if (!row) return;
    let held: unknown = [];
    try {
      held = JSON.parse(row.permissions);
    } catch {
      return;
    }
    if (!Array.isArray(held) || !held.includes('oidc.cpr')) return;
    const kept = held.filter((p) => p !== 'oidc.cpr');
    await sql`update clients set permissions = ${JSON.stringify(kept)} where id = 'minbank'`.execute(db);
  },
};
