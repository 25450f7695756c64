/**
 * The guide: "Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke, hvis det
 * er dit CPR-nummer." NemID's side of core/identity's NemidReservation port: the CPR number of the
 * person a user-ID is reserved for, if any, and the suggestion the enrollment wizard shows.
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
import type { MitidDb } from '../../core/db/index.ts';
import type { NemidReservation } from '../../core/identity/index.ts';
import { nemidUserIdSuggestion } from './nemidUserIdSuggestion.ts';

export function nemidReservation(db: Kysely<MitidDb>): NemidReservation {
  return {
    async ownerOf(norm) {
      const nemid = await db
        .selectFrom('nemid_credentials')
        .select(['cpr', 'user_id'])
        .where('user_id_norm', '=', norm)
        .executeTakeFirst();
      if (!nemid) return undefined;
      return nemidUserIdSuggestion(nemid.user_id, nemid.cpr) === undefined ? undefined : nemid.cpr;
    },
  };
}

/** The person's NemID user-ID as their MitID user-ID, when it passes every MitID rule for them. */
export async function nemidUserIdSuggestionFor(
  db: Kysely<MitidDb>,
  cpr: string,
): Promise<string | undefined> {
  const nemid = await db
    .selectFrom('nemid_credentials')
    .select('user_id')
    .where('cpr', '=', cpr)
    .executeTakeFirst();
  return nemidUserIdSuggestion(nemid?.user_id, cpr);
}
