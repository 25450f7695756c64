/**
 * The slow-down of wrong codes (decision 0014 §3), pure: after 3 wrong codes in a row the device
 * is slowed for 60 s, doubling with each further round of 3, at most 15 minutes; a right code
 * resets it. Never a block: the status of the authenticator is not a kind's to change.
 */
export const WRONG_PER_ROUND = 3;
export const FIRST_SLOW_MS = 60_000;
export const MAX_SLOW_MS = 15 * 60_000;

/** How long the round after `rounds` earlier slowed rounds is slowed. */
export const slowMs = (rounds: number): number =>
  Math.min(FIRST_SLOW_MS * 2 ** Math.min(rounds, 10), MAX_SLOW_MS);
