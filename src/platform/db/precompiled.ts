/**
 * Queries built and compiled once, run many times with new values: `precompile` takes a function
 * that builds the query with Kysely as usual, with `param('name')` where a value goes, and keeps the
 * SQL that Kysely compiled from it (one per dialect). Running it only puts the values in the
 * parameter list: no builder, no operation-node tree, no compilation.
 *
 *   const byId = precompile<MitidDb, { id: string }, Selectable<AppDevicesTable>>((db, param) =>
 *     db.selectFrom('app_devices').selectAll().where('id', '=', param('id')),
 *   );
 *   const row = await byId.takeFirst(this.#db, { id });
 *
 * Why: Kysely builds an immutable tree (every step copies and freezes its nodes) and compiles it
 * to SQL on every execution. For the app approval's queries that was 35–50 µs a query under load,
 * about a tenth of the service's CPU per approval (decision 0009); running a precompiled one costs
 * about 1 µs on top of the driver.
 *
 * Rules (each checked where it can be):
 * - a parameter stands for one SQL value (a string, number, bigint, boolean, null or bytes), never
 *   for a list (`in`), an identifier or a piece of SQL; a param whose name is asked for but that
 *   does not end up among the query's parameters is an error at the first compilation;
 * - every parameter must be given a value (undefined is an error, not NULL);
 * - values that are not params are compiled in as they are, the same on every run;
 * - the SQL is cached per dialect adapter (a Kysely and its transactions share one), so the same
 *   precompiled query runs on SQLite and PostgreSQL and inside transactions;
 * - Kysely plugins see the query only once (at compilation): do not use this with plugins that keep
 *   state per execution. This project's databases have none.
 * The statement counter (db_statements_total) and the SQLite statement cache see every run, as
 * for any query.
 */
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

/** Where a value goes: found by identity in the compiled query's parameters. */
class Param {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

/** Any Kysely or transaction, whatever its schema type (Kysely's types are invariant in it). */
export type QueryRunner = Pick<Kysely<unknown>, 'executeQuery'>;

export interface Precompiled<P extends Record<string, SqlValue>, R> {
  /** Runs the query with these values: Kysely's raw result (rows, numAffectedRows, insertId). */
  execute(db: QueryRunner, values: P): Promise<QueryResult<R>>;
  /** The first row, or undefined. */
  takeFirst(db: QueryRunner, values: P): Promise<R | undefined>;
  /** The rows an INSERT, UPDATE or DELETE changed. */
  affected(db: QueryRunner, values: P): Promise<number>;
}

type Builder<DB, P, R> = (
  db: Kysely<DB>,
  param: <K extends keyof P & string>(name: K) => P[K],
) => Compilable<R>;

/** The dialect adapter of a Kysely or a transaction (the same object for both). */
function adapterOf(db: QueryRunner): object {
  // getExecutor() is marked internal in Kysely's types; precompiled.test.ts holds it to its word
  // (a Kysely and its transactions share the adapter, and each dialect has its own).
  return (db as unknown as { getExecutor(): { adapter: object } }).getExecutor().adapter;
}

export function precompile<DB, P extends Record<string, SqlValue>, R>(
  build: Builder<DB, P, R>,
): Precompiled<P, R> {
  const compiled = new WeakMap<object, CompiledQuery<R>>();
  const compiledFor = (db: Kysely<DB>): CompiledQuery<R> => {
    const adapter = adapterOf(db as unknown as QueryRunner);
    const hit = compiled.get(adapter);
    if (hit) return hit;
    const asked = new Set<string>();
    const query = build(db, ((name: string) => {
      asked.add(name);
      return new Param(name);
    }) as never).compile();
    const placed = new Set(query.parameters.flatMap((p) => (p instanceof Param ? [p.name] : [])));
    for (const name of asked)
      if (!placed.has(name)) throw new Error(`precompile: parameter ${name} is not a value of the query`);
    compiled.set(adapter, query);
    return query;
  };
  const execute = async (db: QueryRunner, values: P): Promise<QueryResult<R>> => {
    const query = compiledFor(db as unknown as Kysely<DB>);
    const parameters = query.parameters.map((p) => {
      if (!(p instanceof Param)) return p;
      const v = values[p.name];
      if (v === undefined) throw new Error(`precompile: no value for parameter ${p.name}`);
      return v;
    });
    return await db.executeQuery<R>({ ...query, parameters });
  };
  return {
    execute,
    takeFirst: async (db, values) => (await execute(db, values)).rows[0],
    affected: async (db, values) => Number((await execute(db, values)).numAffectedRows ?? 0n),
  };
}
