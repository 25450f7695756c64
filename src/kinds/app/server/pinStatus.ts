/** The PIN's state as the app shows it: tries left before the next block, or blocked until when, or for good. */
import { PIN_TRIES_PER_ROUND, type PinCounter, pinGate } from './pinLimits.ts';

export type PinStatus =
  | { blocked: false; attemptsLeft: number }
  | { blocked: true; until: number }
  | { blocked: true; permanent: true };

export function pinStatus(c: PinCounter, now: number): PinStatus {
  const gate = pinGate(c, now);
  if (gate.open)
    return { blocked: false, attemptsLeft: PIN_TRIES_PER_ROUND - (c.failures % PIN_TRIES_PER_ROUND) };
  return 'permanent' in gate ? { blocked: true, permanent: true } : { blocked: true, until: gate.until };
}

/** The details of a 423 pin_blocked answer. */
export function blockedDetails(
  gate: { until: number } | { permanent: true },
): { until: number } | { permanent: true } {
  return 'permanent' in gate ? { permanent: true } : { until: gate.until };
}
