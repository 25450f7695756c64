/**
 * Making and changing a person's MitID password (decision 0014 §2, §5, §6), in the caller's
 * transaction. Rules:
 * - the rules (passwordProblems) are checked first: a refused password writes nothing;
 * - createPassword is the password's activation: Authenticators.activate (kind 'password', one
 *   active per identity, label "Adgangskode") and the `passwords` row, so either both exist or,
 *   when the caller's transaction rolls back, neither;
 * - changePassword replaces the hash of the person's active password and clears its counters
 *   (a new password is a fresh start) in one UPDATE; the caller (MitID.dk) has just logged the
 *   person in and opened the gate, so the old password is not asked.
 * The hash is made before any row of this module is written; the password is never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Authenticators } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { hashPassword } from './passwordHash.ts';
import { type PasswordProblem, passwordProblems } from './passwordRules.ts';

export const PASSWORD_LABEL = 'Adgangskode';

export interface PasswordInput {
  identityId: string;
  /** The person's user-ID (the password must not contain it). */
  userId: string;
  password: string;
}

export type PasswordCreated =
  | { ok: true; authenticatorId: string }
  | { ok: false; code: 'password_rules'; problems: PasswordProblem[] }
  | { ok: false; code: 'ERR_TOO_MANY_AUTHENTICATORS' | 'ERR_NOT_ACTIVATABLE' };

export type PasswordChanged =
  | { ok: true }
  | { ok: false; code: 'password_rules'; problems: PasswordProblem[] }
  | { ok: false; code: 'no_password' };

export async function createPassword(
  trx: Kysely<MitidDb>,
  authenticators: Authenticators,
  input: PasswordInput & { now: number; id?: string },
): Promise<PasswordCreated> {
  const problems = passwordProblems(input.password, input.userId);
  if (problems.length > 0) return { ok: false, code: 'password_rules', problems };
  const hash = await hashPassword(input.password);
  const id = input.id ?? randomUUID();
  const activated = await authenticators.activate(trx, {
    id,
    identityId: input.identityId,
    kind: 'password',
    label: PASSWORD_LABEL,
  });
  if (!activated.ok) return activated;
  await trx
    .insertInto('passwords')
    .values({ authenticator_id: id, hash, failures: 0, blocked_until: null, changed_at: input.now })
    .execute();
  return { ok: true, authenticatorId: id };
}

export async function changePassword(
  trx: Kysely<MitidDb>,
  input: PasswordInput & { now: number },
): Promise<PasswordChanged> {
  const problems = passwordProblems(input.password, input.userId);
  if (problems.length > 0) return { ok: false, code: 'password_rules', problems };
  const hash = await hashPassword(input.password);
  const res = await trx
    .updateTable('passwords')
    .set({ hash, failures: 0, blocked_until: null, changed_at: input.now })
    .where('authenticator_id', 'in', (eb) =>
      eb
        .selectFrom('authenticators')
        .select('id')
        .where('identity_id', '=', input.identityId)
        .where('kind', '=', 'password')
        .where('status', '=', 'active'),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0 ? { ok: true } : { ok: false, code: 'no_password' };
}
