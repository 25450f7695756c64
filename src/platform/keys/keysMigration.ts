import type { Kysely } from 'kysely';

/**
 * The key store's table (see KeyStore.ts), the same in every service's database. One row per
 * version of a key; the material is AES-256-GCM ciphertext under the key-encryption key.
 */
export async function createKeysTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('keys')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('material', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('activates_at', 'bigint', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .addPrimaryKeyConstraint('keys_pk', ['purpose', 'version'])
    .execute();
}
