/**
 * 0035_box_decoys (issue 11, decision 0014 §4 As built; docs/security.md §11.5): a decoy that slows
 * down like a real code device.
 * - authentications.decoy_ref: set at create by the login box for every start by user-ID (known or
 *   not, one INSERT): an HMAC of the normalised user-ID under a key derived from the server secret.
 *   The code step's decoy authenticator takes its id from it, so a user-ID with no code device has
 *   one stable decoy across logins. null for api/ciba and a step-up by uuid.
 * - code_device_decoys: the decoy's wrong-code counter (src/kinds/code-device/checkDecoyCode.ts),
 *   the same columns and rules as code_devices' untrusted counter; no user-ID in it.
 * SQLite and PostgreSQL both take ALTER TABLE … ADD COLUMN of a nullable column.
 */
import type { Kysely, Migration } from 'kysely';

export const boxDecoysMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('authentications').addColumn('decoy_ref', 'text').execute();
    await db.schema
      .createTable('code_device_decoys')
      .addColumn('decoy_id', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('rounds', 'integer', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint')
      .execute();
  },
};
