/**
 * Opens a service's database: the embedded SQLite file under the data folder by default, or a
 * PostgreSQL schema (one per service) when DATABASE_URL is a postgres:// URL. The stores above
 * are written once against Kysely and run unchanged on both; the contract suite proves it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, type LogEvent, type Migration, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { Counter } from 'prom-client';
import { openNodeSqlite } from './nodeSqlite.ts';

// int8 columns hold epoch milliseconds and amounts in øre: both fit a JS number exactly.
pg.types.setTypeParser(20, (v) => Number(v));

export type Dialect = 'sqlite' | 'postgres';

export interface Database<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The PostgreSQL schema this service owns (undefined on SQLite). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** "sqlite" or a postgres:// URL. */
  url: string;
  /** Folder of the SQLite file. */
  dataDir: string;
  /** The service's name: the SQLite file name, or the PostgreSQL schema. */
  name: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Every SQL statement a database of this process executed (including BEGIN and COMMIT, and the
 * ones that failed), by the service's database name. Registered in no registry here: each app's
 * /metrics adds it (platform/http/metrics.ts), so `npm run bench -- approvals` can read it.
 */
export const dbStatements = new Counter({
  name: 'db_statements_total',
  help: 'SQL statements executed, by database',
  labelNames: ['database'],
  registers: [],
});

/** Kysely's log hook, called once per statement executed: counts it. */
const countStatements = (name: string): ((event: LogEvent) => void) => {
  const counter = dbStatements.labels({ database: name });
  return () => counter.inc();
};

export async function openDatabase<DB>(opts: OpenOptions): Promise<Database<DB>> {
  if (!schemaName.test(opts.name)) throw new Error(`Invalid database name ${opts.name}`);
  if (opts.url === 'sqlite') {
    mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, `${opts.name}.sqlite`);
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: openNodeSqlite(file) }),
      log: countStatements(opts.name),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  // Make sure the schema exists before the pool pins search_path to it.
  const admin = new pg.Client({ connectionString: opts.url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${opts.name}"`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    options: `-c search_path=${opts.name}`,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: countStatements(opts.name) });
  return { db, dialect: 'postgres', schema: opts.name, close: () => db.destroy() };
}

/**
 * Runs every pending migration; fails loudly if one fails. On PostgreSQL the migrator's own
 * bookkeeping tables live in the service's schema: without that, Kysely looks for them in every
 * schema, finds another service's, and skips creating its own.
 */
export async function migrate<DB>(
  database: Database<DB>,
  migrations: Record<string, Migration>,
): Promise<void> {
  const migrator = new Migrator({
    db: database.db as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: error });
  }
}

/** Readiness probe: one round trip to the database. */
export async function ping(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
