/**
 * Databases for tests: a fresh SQLite file in a temp folder, or a fresh PostgreSQL schema that is
 * dropped afterwards. PostgreSQL tests skip when no server answers, except in CI (CI=true), where
 * they are required and fail instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Migration } from 'kysely';
import pg from 'pg';
import { type Database, type Dialect, migrate, openDatabase } from './database.ts';

export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers. In CI a missing server is an error, not a skip. */
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (err) {
      if (process.env.CI === 'true') {
        throw new Error(`PostgreSQL is required in CI but ${testPostgresUrl} does not answer`, {
          cause: err,
        });
      }
      return false;
    }
  })();
  return pgAvailable;
}

export interface TestDatabase<DB> extends Database<DB> {
  /** For SQLite: the data folder; for PostgreSQL: the schema name. */
  where: string;
  /** The URL and name to open the same database again (e.g. from a child process). */
  url: string;
  name: string;
}

export async function openTestDatabase<DB>(
  dialect: Dialect,
  migrations: Record<string, Migration>,
): Promise<TestDatabase<DB>> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'mitid-db-'));
    const database = await openDatabase<DB>({ url: 'sqlite', dataDir: dir, name });
    await migrate(database, migrations);
    return {
      ...database,
      where: dir,
      url: 'sqlite',
      name,
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // Creating and migrating a fresh schema while many other test processes create and drop theirs
  // fails now and then on a loaded server ('schema "t_…" does not exist'), though never for a
  // single process; a fresh schema is then tried, up to three times. Test setup only: the tests
  // themselves never retry.
  for (let attempt = 1; ; attempt++) {
    const schema = attempt === 1 ? name : `t_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase<DB>({
      url: testPostgresUrl,
      dataDir: '',
      name: schema,
      poolSize: 5,
      pgOptions: '-c max_parallel_workers_per_gather=0',
    });
    const dropSchema = async (): Promise<void> => {
      await database.close();
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    };
    try {
      await migrate(database, migrations);
      return { ...database, where: schema, url: testPostgresUrl, name: schema, close: dropSchema };
    } catch (err) {
      await dropSchema();
      if (attempt >= 3) throw err;
    }
  }
}

/** The dialects this test run covers: SQLite always, PostgreSQL when it answers (always in CI). */
export async function dialectsUnderTest(): Promise<Dialect[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
