/** Every person with their NemID user-ID and active key card (if any), for `people list`. */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';

export interface PersonWithNemid {
  cpr: string;
  name: string;
  userId: string | null;
  cardNumber: string | null;
  unusedKeys: number | null;
}

export async function listPeopleWithNemid(db: Kysely<MitidDb>): Promise<PersonWithNemid[]> {
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('nemid_credentials as c', 'c.cpr', 'p.cpr')
    .leftJoin('nemid_key_cards as k', (j) => j.onRef('k.cpr', '=', 'p.cpr').on('k.active', '=', 1))
    .select((eb) => [
      'p.cpr',
      'p.given_name',
      'p.family_name',
      'c.user_id',
      'k.card_number',
      eb
        .selectFrom('nemid_key_codes as kc')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('kc.card_id', '=', 'k.id')
        .where('kc.used_at', 'is', null)
        .as('unused'),
    ])
    .orderBy('p.given_name')
    .orderBy('p.family_name')
    .orderBy('p.cpr')
    .execute();
  return rows.map((r) => ({
    cpr: r.cpr,
    name: `${r.given_name} ${r.family_name}`,
    userId: r.user_id,
    cardNumber: r.card_number,
    unusedKeys: r.card_number === null ? null : Number(r.unused ?? 0),
  }));
}
