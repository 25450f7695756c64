/**
 * Recognises a violated unique or foreign-key constraint in an error of either dialect, so a
 * store can let the database decide a race and still answer with a reason code:
 * - PostgreSQL and CockroachDB: SQLSTATE 23505 / 23503 with the constraint's name (in
 *   `constraint`, and in the message, where CockroachDB may leave the field empty);
 * - SQLite (node:sqlite): extended result codes 2067 (UNIQUE), 1555 (PRIMARY KEY), 787 (FOREIGN
 *   KEY), and "UNIQUE constraint failed: table.column" in the message.
 * `where` is that name or message text; callers match it against their own constraint or column.
 */
export interface ConstraintViolation {
  kind: 'unique' | 'foreignKey';
  where: string;
}

const SQLITE_CONSTRAINT_UNIQUE = 2067;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_FOREIGNKEY = 787;

export function constraintViolation(err: unknown): ConstraintViolation | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errcode?: unknown; constraint?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const where = `${typeof e.constraint === 'string' ? e.constraint : ''} ${message}`.trim();
  if (e.code === '23505') return { kind: 'unique', where };
  if (e.code === '23503') return { kind: 'foreignKey', where };
  if (e.code === 'ERR_SQLITE_ERROR') {
    if (e.errcode === SQLITE_CONSTRAINT_UNIQUE || e.errcode === SQLITE_CONSTRAINT_PRIMARYKEY)
      return { kind: 'unique', where: message };
    if (e.errcode === SQLITE_CONSTRAINT_FOREIGNKEY) return { kind: 'foreignKey', where: message };
  }
  return undefined;
}
