/**
 * A new key card for a person who has NemID (the old one used up or lost): the new card becomes
 * the only active one, in one transaction.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { InvalidInputError } from '../../core/people/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Random } from '../../platform/random.ts';
import { type AfterStep, insertKeyCard } from './createNemidIdentity.ts';
import { type GeneratedKeyCard, generateKeyCard } from './generateKeyCard.ts';

export async function issueKeyCard(
  db: Kysely<MitidDb>,
  random: Random,
  clock: Clock,
  cpr: string,
  afterStep?: AfterStep,
): Promise<GeneratedKeyCard> {
  const cred = await db
    .selectFrom('nemid_credentials')
    .select('cpr')
    .where('cpr', '=', cpr)
    .executeTakeFirst();
  if (!cred) throw new InvalidInputError([{ field: 'cpr', reason: 'no_nemid' }]);
  const card = generateKeyCard(random);
  const now = clock.now().getTime();
  const step = afterStep ?? (async () => {});
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('nemid_key_cards').set({ active: 0 }).where('cpr', '=', cpr).execute();
    await step('deactivate');
    await insertKeyCard(trx, cpr, card, now, step);
  });
  return card;
}
