/**
 * The decoy authenticator's id (decision 0014 §4, docs/security.md §11.5, §13.1): for a user-ID
 * with no device of the step's kind, the login box answers with a decoy whose id is
 * `decoy:` + the authentication's decoy reference (an HMAC of the typed user-ID), so the same
 * user-ID meets the same decoy in every login and a kind can count the decoy's tries as it counts
 * a real device's. Real authenticator ids are UUIDs: never this prefix.
 */
export const DECOY_ID_PREFIX = 'decoy:';

export const decoyAuthenticatorId = (ref: string): string => `${DECOY_ID_PREFIX}${ref}`;

export const isDecoyAuthenticatorId = (id: string): boolean => id.startsWith(DECOY_ID_PREFIX);
