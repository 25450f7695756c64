import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constraintViolation } from './constraintViolation.ts';
import { refusalForViolation } from './refusalForViolation.ts';

const sqlite = (errcode: number, message: string) =>
  Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode });
const pg = (code: string, constraint: string | undefined, message: string) =>
  Object.assign(new Error(message), { code, constraint });

test('recognises the violations of SQLite, PostgreSQL and CockroachDB', () => {
  assert.deepEqual(constraintViolation(sqlite(2067, 'UNIQUE constraint failed: identities.user_id_norm')), {
    kind: 'unique',
    where: 'UNIQUE constraint failed: identities.user_id_norm',
  });
  assert.equal(constraintViolation(sqlite(787, 'FOREIGN KEY constraint failed'))?.kind, 'foreignKey');
  assert.equal(constraintViolation(sqlite(5, 'database is locked')), undefined);
  assert.equal(constraintViolation(pg('23505', 'identities_cpr_unique', 'duplicate key'))?.kind, 'unique');
  assert.equal(
    constraintViolation(pg('23503', 'identities_cpr_fkey', 'violates foreign key'))?.kind,
    'foreignKey',
  );
  assert.equal(constraintViolation(pg('40001', undefined, 'restart transaction')), undefined);
  assert.equal(constraintViolation(new Error('boom')), undefined);
  assert.equal(constraintViolation('text'), undefined);
});

test('maps each constraint of the identities table to its refusal, and nothing else', () => {
  const reason = (err: unknown) => refusalForViolation(err)?.reason;
  assert.equal(reason(sqlite(2067, 'UNIQUE constraint failed: identities.user_id_norm')), 'userIdTaken');
  assert.equal(reason(sqlite(2067, 'UNIQUE constraint failed: identities.cpr')), 'alreadyHasMitid');
  assert.equal(reason(sqlite(1555, 'UNIQUE constraint failed: identities.id')), undefined);
  assert.equal(reason(sqlite(787, 'FOREIGN KEY constraint failed')), 'unknownPerson');
  assert.equal(reason(pg('23505', 'identities_user_id_norm_unique', 'duplicate key')), 'userIdTaken');
  assert.equal(reason(pg('23505', 'identities_cpr_unique', 'duplicate key')), 'alreadyHasMitid');
  assert.equal(reason(pg('23505', 'identities_pkey', 'duplicate key')), undefined);
  // CockroachDB may name the constraint in the message only.
  assert.equal(
    reason(
      pg('23505', '', 'duplicate key value violates unique constraint "identities_user_id_norm_unique"'),
    ),
    'userIdTaken',
  );
});
