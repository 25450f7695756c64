/**
 * Adapts node:sqlite's DatabaseSync to the small interface Kysely's SqliteDialect drives.
 * node:sqlite is built into Node (no native addon tied to one ABI), which is why it is the
 * embedded default.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const toSqlite = (value: unknown): SQLInputValue => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value instanceof Date) throw new TypeError('Store times as epoch milliseconds, not Date objects');
  return value as SQLInputValue;
};

class Statement implements SqliteStatement {
  readonly reader: boolean;
  readonly #stmt: StatementSync;
  constructor(stmt: StatementSync) {
    this.#stmt = stmt;
    this.reader = stmt.columns().length > 0;
  }
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#stmt.all(...parameters.map(toSqlite));
  }
  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#stmt.run(...parameters.map(toSqlite));
  }
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#stmt.iterate(...parameters.map(toSqlite)) as IterableIterator<unknown>;
  }
}

/** How many prepared statements a connection keeps: the stores' queries are a few hundred texts. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepared statements by their SQL, least recently used first (a Map keeps insertion order; a hit
 * moves the entry to the end). Kysely runs one query at a time on this connection, so a statement
 * is never used by two queries at once.
 */
export class StatementCache {
  readonly #db: DatabaseSync;
  readonly #max: number;
  readonly #statements = new Map<string, Statement>();
  constructor(db: DatabaseSync, max = STATEMENT_CACHE_SIZE) {
    this.#db = db;
    this.#max = max;
  }
  get size(): number {
    return this.#statements.size;
  }
  prepare(sql: string): Statement {
    const hit = this.#statements.get(sql);
    if (hit) {
      this.#statements.delete(sql);
      this.#statements.set(sql, hit);
      return hit;
    }
    const statement = new Statement(this.#db.prepare(sql));
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#max) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }
}

export function openNodeSqlite(
  file: string,
  cacheSize = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { raw: DatabaseSync; statements: StatementCache } {
  const db = new DatabaseSync(file);
  // WAL lets readers run beside the writer; busy_timeout makes a second process (the CLI) wait
  // for the lock instead of failing; foreign keys are off by default in SQLite.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  const statements = new StatementCache(db, cacheSize);
  return {
    raw: db,
    statements,
    close: () => db.close(),
    prepare: (sql: string) => statements.prepare(sql),
  };
}
