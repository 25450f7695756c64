/**
 * The guide: "Dit bruger-ID fra NemID er allerede reserveret til dig i MitID – dog ikke, hvis det
 * er dit CPR-nummer." The NemID user-ID is offered as the MitID user-ID only when it passes every
 * MitID rule for this person (so never a CPR number or anything like one); otherwise nothing is
 * suggested and nothing is reserved.
 */
import { canonicalUserId, isValidUserId } from '../../core/identity/index.ts';

export function nemidUserIdSuggestion(nemidUserId: string | undefined, cpr: string): string | undefined {
  if (nemidUserId === undefined || !isValidUserId(nemidUserId, { cpr })) return undefined;
  return canonicalUserId(nemidUserId);
}
