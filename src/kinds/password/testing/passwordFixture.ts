/** Shared setup of the password tests: a database with identities, Authenticators with the password's rules, the kind. */
import type { Kysely } from 'kysely';
import type { Authentication } from '../../../core/authentications/index.ts';
import { type Authenticator, Authenticators, type Kind } from '../../../core/authenticators/index.ts';
import { T0, testRules, withAuthenticators } from '../../../core/authenticators/testing/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { createPasswordKind, type PasswordAnswer, passwordActivationRules } from '../passwordKind.ts';
import { createPassword } from '../passwords.ts';

export { T0 };

export interface PasswordFixture {
  db: Kysely<MitidDb>;
  identityIds: string[];
  authenticators: Authenticators;
  kind: Kind<PasswordAnswer>;
  clock: { now: number };
  events: string[];
  /** Makes identity i's password (through createPassword) and returns its authenticator. */
  withPassword(i: number, password: string): Promise<Authenticator>;
  /** A browser-bound authentication of identity i (only what the kind reads). */
  authOf(i: number): Authentication;
}

export async function withPasswords(
  dialect: Dialect,
  people: number,
  fn: (f: PasswordFixture) => Promise<void>,
): Promise<void> {
  await withAuthenticators(dialect, people, async ({ db, identityIds, hooks, events }) => {
    const clock = { now: T0 };
    const authenticators = new Authenticators({
      db,
      now: () => clock.now,
      hooks,
      rules: { ...testRules, password: passwordActivationRules },
    });
    const kind = createPasswordKind(db);
    await fn({
      db,
      identityIds,
      authenticators,
      kind,
      clock,
      events,
      async withPassword(i, password) {
        const identityId = identityIds[i] ?? '';
        const made = await db.transaction().execute((trx) =>
          createPassword(trx, authenticators, {
            identityId,
            userId: `authn-user-${i}`,
            password,
            now: clock.now,
          }),
        );
        if (!made.ok) throw new Error(`createPassword refused: ${made.code}`);
        const a = await authenticators.get(made.authenticatorId);
        if (!a) throw new Error('no authenticator');
        return a;
      },
      authOf: (i) => ({ identityId: identityIds[i] ?? null }) as Authentication,
    });
  });
}
