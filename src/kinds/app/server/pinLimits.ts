/**
 * How many PIN tries a device gets (docs/protocols/app.md, "PIN attempt limits"). Rules:
 * - every attempt is counted when it starts, before anything is compared, so an abandoned or
 *   parallel attempt counts as wrong until a right PIN resets the count;
 * - the 3rd, 6th counted attempt blocks the PIN for an hour from its start; the 9th blocks it
 *   for good (only a new activation helps);
 * - the attempt that set a block may still finish: if its PIN is right, the block is lifted.
 * Pure: DeviceStore.countPinAttempt does the same in one conditional UPDATE.
 */
import { HOUR } from '../../../platform/clock.ts';

export const PIN_TRIES_PER_ROUND = 3;
export const PIN_ROUNDS = 3;
export const PIN_MAX_FAILURES = PIN_TRIES_PER_ROUND * PIN_ROUNDS;
export const PIN_BLOCK_MS = HOUR;

export interface PinCounter {
  failures: number;
  blockedUntil: number | null;
}

export type PinGate = { open: true } | { open: false; permanent: true } | { open: false; until: number };

/** Whether a PIN attempt may start now. */
export function pinGate(c: PinCounter, now: number): PinGate {
  if (c.failures >= PIN_MAX_FAILURES) return { open: false, permanent: true };
  if (c.blockedUntil !== null && c.blockedUntil > now) return { open: false, until: c.blockedUntil };
  return { open: true };
}

/** The counter once an attempt has started at `now` (the gate was open). */
export function countAttempt(c: PinCounter, now: number): PinCounter {
  const failures = c.failures + 1;
  const endsRound = failures % PIN_TRIES_PER_ROUND === 0 && failures < PIN_MAX_FAILURES;
  return { failures, blockedUntil: endsRound ? now + PIN_BLOCK_MS : c.blockedUntil };
}

/** Tries left in this round if the attempt that brought the count to `failures` is wrong. */
export function attemptsLeftAfter(failures: number): number {
  return failures >= PIN_MAX_FAILURES
    ? 0
    : (PIN_TRIES_PER_ROUND - (failures % PIN_TRIES_PER_ROUND)) % PIN_TRIES_PER_ROUND;
}
