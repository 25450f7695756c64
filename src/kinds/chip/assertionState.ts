/**
 * The chip step's state in the authentication (step_state): the assertion's challenge and its
 * expiry, sealed (AES-256-GCM, core/codes' Sealer) to the authentication and the authenticator the
 * box chose. A copy of the table then holds no challenge, and a state moved to another
 * authentication or authenticator does not open.
 */
import type { Sealer } from '../../core/codes/index.ts';

export interface AssertionState {
  challenge: string;
  expiresAt: number;
}

const binding = (authenticationId: string, authenticatorId: string): string =>
  `chip-assertion\n${authenticationId}\n${authenticatorId}`;

export function sealAssertion(
  sealer: Sealer,
  s: AssertionState,
  authenticationId: string,
  authenticatorId: string,
): string {
  return sealer.seal(
    JSON.stringify({ c: s.challenge, e: s.expiresAt }),
    binding(authenticationId, authenticatorId),
  );
}

export function openAssertion(
  sealer: Sealer,
  sealed: string,
  authenticationId: string,
  authenticatorId: string,
): AssertionState | undefined {
  const plain = sealer.open(sealed, binding(authenticationId, authenticatorId));
  if (plain === undefined) return undefined;
  const o = JSON.parse(plain) as { c?: unknown; e?: unknown };
  return typeof o.c === 'string' && typeof o.e === 'number' ? { challenge: o.c, expiresAt: o.e } : undefined;
}
