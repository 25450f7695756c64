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

/** One connection attempt: whether the server answered, or the error it gave. */
async function tryConnect(): Promise<unknown> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (err) {
    return err ?? new Error('connection failed');
  }
}

/**
 * Whether PostgreSQL answers. In CI a missing server is an error, not a skip; there a busy
 * machine gets five tries over about 20 s before the server counts as missing (a suite of
 * parallel test files can keep it from answering one 3-second attempt).
 */
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const tries = process.env.CI === 'true' ? 5 : 1;
    let last: unknown;
    for (let i = 0; i < tries; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      last = await tryConnect();
      if (last === undefined) return true;
    }
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL is required in CI but ${testPostgresUrl} does not answer`, {
        cause: last,
      });
    }
    return false;
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
  // Kysely's migrator introspects every schema of the database, calling has_schema_privilege()
  // and pg_get_serial_sequence() on each; a schema that another test process drops meanwhile makes
  // that query fail ('schema "t_…" does not exist' — another test's schema). So migrations hold a
  // shared advisory lock and drops take it exclusively: migrations run side by side, and no schema
  // disappears under one.
  const database = await openDatabase<DB>({ url: testPostgresUrl, dataDir: '', name, poolSize: 5 });
  const dropSchema = async (): Promise<void> => {
    await database.close();
    await withAdmin(async (admin) => {
      await admin.query('SELECT pg_advisory_lock($1)', [SCHEMA_CHURN_LOCK]);
      await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    });
  };
  try {
    await withAdmin(async (admin) => {
      await admin.query('SELECT pg_advisory_lock_shared($1)', [SCHEMA_CHURN_LOCK]);
      await migrate(database, migrations);
    });
  } catch (err) {
    await dropSchema();
    throw err;
  }
  return { ...database, where: name, url: testPostgresUrl, name, close: dropSchema };
}

/**
 * Runs the remaining `migrations` on a test database opened with fewer (a migration's test: rows
 * of the old schema first), under the same shared lock as openTestDatabase's migrations.
 */
export async function migrateTestDatabase<DB>(
  database: TestDatabase<DB>,
  migrations: Record<string, Migration>,
): Promise<void> {
  if (database.dialect === 'sqlite') return migrate(database, migrations);
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock_shared($1)', [SCHEMA_CHURN_LOCK]);
    await migrate(database, migrations);
  });
}

/** Advisory lock id shared by test schema migrations (shared) and drops (exclusive). */
const SCHEMA_CHURN_LOCK = 7_240_301;

/** Runs `work` with an admin connection; its session (and so its advisory locks) ends after. */
async function withAdmin(work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** The dialects this test run covers: SQLite always, PostgreSQL when it answers (always in CI). */
export async function dialectsUnderTest(): Promise<Dialect[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
