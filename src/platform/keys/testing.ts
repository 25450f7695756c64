/** For the key store's tests: a fresh database with only the keys table, and a second handle on it. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Dialect, openDatabase } from '../db/database.ts';
import { openTestDatabase, type TestDatabase } from '../db/testDb.ts';
import type { KeysDb } from './KeyStore.ts';
import { createKeysTable } from './keysMigration.ts';

export const keysMigrations = { '0017_keys': { up: (db: Kysely<unknown>) => createKeysTable(db) } };

export const newKek = (): Buffer => randomBytes(32);

/** Runs `work` with a fresh keys database and `extra` more connections to it (other "nodes"). */
export async function withKeysDb(
  dialect: Dialect,
  extra: number,
  work: (db: Kysely<KeysDb>, others: Kysely<KeysDb>[], database: TestDatabase<KeysDb>) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<KeysDb>(dialect, keysMigrations);
  const others = await Promise.all(
    Array.from({ length: extra }, () =>
      openDatabase<KeysDb>({ url: database.url, dataDir: database.where, name: database.name, poolSize: 2 }),
    ),
  );
  try {
    await work(
      database.db,
      others.map((o) => o.db),
      database,
    );
  } finally {
    for (const o of others) await o.close();
    await database.close();
  }
}
