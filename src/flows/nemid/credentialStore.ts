/**
 * NemID credentials at login: looked up by the normalised user-ID (the password step) or by the
 * CPR number (the key-code step). Wrong attempts are not counted here but in attemptCounters.ts,
 * per user-ID whether it exists or not (docs/protocols/nemid.md, "Password attempts").
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';

export interface NemidCredential {
  cpr: string;
  userId: string;
  userIdNorm: string;
  passwordHash: string;
}

async function findBy(
  db: Kysely<MitidDb>,
  column: 'user_id_norm' | 'cpr',
  value: string,
): Promise<NemidCredential | undefined> {
  const row = await db
    .selectFrom('nemid_credentials')
    .select(['cpr', 'user_id', 'user_id_norm', 'password_hash'])
    .where(column, '=', value)
    .executeTakeFirst();
  if (!row) return undefined;
  return { cpr: row.cpr, userId: row.user_id, userIdNorm: row.user_id_norm, passwordHash: row.password_hash };
}

export const findCredential = (db: Kysely<MitidDb>, userIdNorm: string) =>
  findBy(db, 'user_id_norm', userIdNorm);

export const findCredentialByCpr = (db: Kysely<MitidDb>, cpr: string) => findBy(db, 'cpr', cpr);
