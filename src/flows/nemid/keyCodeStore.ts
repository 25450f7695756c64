/**
 * Key codes at login. Rules enforced here:
 * - the key asked for is chosen at random among the active card's unused keys;
 * - a code is spent by one UPDATE … WHERE used_at IS NULL: of two concurrent submissions of the
 *   same code exactly one changes a row, so a code never works twice.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Random } from '../../platform/random.ts';

export interface AskedKey {
  cardId: string;
  cardNumber: string;
  keyNo: string;
}

/** A random unused key of the person's active card, or undefined when there is none left. */
export async function pickUnusedKey(
  db: Kysely<MitidDb>,
  random: Random,
  cpr: string,
): Promise<AskedKey | undefined> {
  const rows = await db
    .selectFrom('nemid_key_cards as c')
    .innerJoin('nemid_key_codes as k', 'k.card_id', 'c.id')
    .select(['c.id', 'c.card_number', 'k.key_no'])
    .where('c.cpr', '=', cpr)
    .where('c.active', '=', 1)
    .where('k.used_at', 'is', null)
    .orderBy('k.key_no')
    .execute();
  if (rows.length === 0) return undefined;
  const row = rows[random.int(0, rows.length)] ?? rows[0];
  return row ? { cardId: row.id, cardNumber: row.card_number, keyNo: row.key_no } : undefined;
}

export async function cardNumberOf(db: Kysely<MitidDb>, cardId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('nemid_key_cards')
    .select('card_number')
    .where('id', '=', cardId)
    .executeTakeFirst();
  return row?.card_number;
}

/** Marks the code used if it is right and unused. True only for the one caller that spent it. */
export async function spendKeyCode(
  db: Kysely<MitidDb>,
  cardId: string,
  keyNo: string,
  code: string,
  now: number,
): Promise<boolean> {
  const res = await db
    .updateTable('nemid_key_codes')
    .set({ used_at: now })
    .where('card_id', '=', cardId)
    .where('key_no', '=', keyNo)
    .where('code', '=', code)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface KeyState {
  code: string;
  usedAt: number | null;
}

export async function keyState(
  db: Kysely<MitidDb>,
  cardId: string,
  keyNo: string,
): Promise<KeyState | undefined> {
  const row = await db
    .selectFrom('nemid_key_codes')
    .select(['code', 'used_at'])
    .where('card_id', '=', cardId)
    .where('key_no', '=', keyNo)
    .executeTakeFirst();
  return row ? { code: row.code, usedAt: row.used_at === null ? null : Number(row.used_at) } : undefined;
}
