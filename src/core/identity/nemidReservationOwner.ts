/**
 * The guide: "Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke, hvis det
 * er dit CPR-nummer." Returns the CPR number of the person a user-ID is reserved for, if any.
 *
 * A NemID user-ID is reserved exactly when it would be suggested to its owner
 * (nemidUserIdSuggestion): it passes every MitID rule for them. So a NemID user-ID that is a CPR
 * number (or holds the owner's CPR digits) reserves nothing: the owner could never use it, and no
 * valid MitID user-ID is a CPR number anyway.
 *
 * `norm` is normaliseUserId() of a MitID user-ID. NemID keeps its own key (nemidUserId.ts: trimmed
 * and lower-cased; a CPR number without its dash). For a valid MitID user-ID the two agree: NemID
 * aliases are [a-zæøå0-9._-] (precomposed letters only), and a MitID user-ID has no outer spaces.
 */
import type { Kysely } from 'kysely';
import { nemidUserIdSuggestion } from '../../flows/enrollment/nemidUserIdSuggestion.ts';
import type { MitidDb } from '../db/schema.ts';

export async function nemidReservationOwner(db: Kysely<MitidDb>, norm: string): Promise<string | undefined> {
  const nemid = await db
    .selectFrom('nemid_credentials')
    .select(['cpr', 'user_id'])
    .where('user_id_norm', '=', norm)
    .executeTakeFirst();
  if (!nemid) return undefined;
  return nemidUserIdSuggestion(nemid.user_id, nemid.cpr) === undefined ? undefined : nemid.cpr;
}
