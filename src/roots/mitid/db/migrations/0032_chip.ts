/**
 * 0032_chip (issue 11, decision 0014 §6): the chip kind's own data (src/kinds/chip).
 *   chip_credentials    one WebAuthn credential per chip authenticator: its id (base64url,
 *                       unique: one credential is one chip), COSE public key (base64url), the
 *                       signature counter, transports (JSON), AAGUID, created and last used;
 *                       deleted with its authenticator
 *   chip_registrations  a registration ceremony in flight on MitID.dk: the challenge, expiry
 *                       (5 minutes), used_at (set once, by a conditional UPDATE)
 */
import type { Kysely, Migration } from 'kysely';

export const chipMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('chip_credentials')
      .addColumn('authenticator_id', 'text', (c) =>
        c.primaryKey().references('authenticators.id').onDelete('cascade'),
      )
      .addColumn('credential_id', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('aaguid', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('chip_registrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('identity_id', 'text', (c) => c.notNull().references('identities.id').onDelete('cascade'))
      .addColumn('challenge', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('chip_registrations_expires')
      .on('chip_registrations')
      .column('expires_at')
      .execute();
  },
};
