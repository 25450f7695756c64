/** Shared setup of the authenticators' tests: a database with identities, and the service on it. */
import type { Kysely } from 'kysely';
import { nemidReservation } from '../../../flows/nemid/index.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { openTestDatabase } from '../../../platform/db/testDb.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../../db/index.ts';
import { createHooks, type Hooks } from '../../events/index.ts';
import { IdentityStore } from '../../identity/index.ts';
import { addPeople, T0 } from '../../identity/testing/index.ts';
import { Authenticators } from '../Authenticators.ts';
import type { ActivationRules, KindName } from '../Kind.ts';

export { T0 };

export const testRules: Partial<Record<KindName, ActivationRules>> = {
  app: {
    factors: ['possession', 'knowledge', 'inherence'],
    maxLevel: 'high',
    maxActivePerIdentity: 3,
    excludes: [],
  },
  codeDisplay: {
    factors: ['possession'],
    maxLevel: 'substantial',
    maxActivePerIdentity: 1,
    excludes: ['codeReader'],
  },
  codeReader: {
    factors: ['possession'],
    maxLevel: 'substantial',
    maxActivePerIdentity: 1,
    excludes: ['codeDisplay'],
  },
};

export interface AuthenticatorsFixture {
  db: Kysely<MitidDb>;
  identityIds: string[];
  hooks: Hooks;
  authenticators: Authenticators;
  /** What the hooks saw, in order. */
  events: string[];
}

export async function withAuthenticators(
  dialect: Dialect,
  people: number,
  fn: (f: AuthenticatorsFixture) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  try {
    const cprs = await addPeople(database.db, people);
    const identities = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
    const identityIds: string[] = [];
    for (const [i, cpr] of cprs.entries()) {
      const id = `identity-${i}`;
      await identities.createIdentity({ cpr, userId: `authn-user-${i}`, contacts: [] }, T0, id);
      identityIds.push(id);
    }
    const hooks = createHooks();
    const events: string[] = [];
    for (const e of [
      'authenticator.activated',
      'authenticator.blocked',
      'authenticator.unblocked',
      'authenticator.revoked',
      'identity.blocked',
      'identity.unblocked',
    ] as const) {
      hooks.on(e, async () => void events.push(e));
    }
    const authenticators = new Authenticators({ db: database.db, now: () => T0, hooks, rules: testRules });
    await fn({ db: database.db, identityIds, hooks, authenticators, events });
  } finally {
    await database.close();
  }
}
