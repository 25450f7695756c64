/**
 * A person and their NemID (user-ID, password, key card) in ONE transaction: either all of it is
 * written or nothing. For the CLI and the seeder; bad input throws InvalidInputError first.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import {
  InvalidInputError,
  PeopleStore,
  type Person,
  type PersonInput,
  validatePersonInput,
} from '../../core/people/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import {
  type AfterStep,
  type NemidIdentity,
  prepareNemidIdentity,
  writeNemidIdentity,
} from './createNemidIdentity.ts';

export async function createPersonWithNemid(
  db: Kysely<MitidDb>,
  random: Random,
  clock: Clock,
  person: PersonInput,
  nemid: { userId: string; password: string },
  afterStep?: AfterStep,
): Promise<{ person: Person; nemid: NemidIdentity }> {
  const v = validatePersonInput(person);
  let prepared: Awaited<ReturnType<typeof prepareNemidIdentity>> | undefined;
  let nemidError: InvalidInputError | undefined;
  try {
    prepared = await prepareNemidIdentity(db, random, clock, { cpr: person.cpr, ...nemid });
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    nemidError = err;
  }
  // Report every problem at once; the CPR number's own problems only once.
  const problems = [
    ...(v.ok ? [] : v.problems),
    ...(nemidError?.problems.filter((p) => p.field !== 'cpr' || v.ok) ?? []),
  ];
  if (!v.ok || !prepared || problems.length > 0) throw new InvalidInputError(problems);
  const store = new PeopleStore(db);
  if (await store.getByCpr(v.person.cpr)) throw new InvalidInputError([{ field: 'cpr', reason: 'taken' }]);

  const created: Person = { ...v.person, createdAt: prepared.now };
  const ready = prepared;
  await db.transaction().execute(async (trx) => {
    await new PeopleStore(trx).insert(created);
    await afterStep?.('person');
    await writeNemidIdentity(trx, ready, afterStep);
  });
  return { person: created, nemid: { cpr: ready.cpr, userId: ready.userId, keyCard: ready.keyCard } };
}
