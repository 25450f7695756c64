/**
 * The life of an identity:
 *
 *   pending_activation ──activate──▶ active ◀──unblock── blocked
 *                                       └─────block──────▶ ┘
 *   every status except revoked ──revoke──▶ revoked (final)
 *
 * An identity is created pending activation (no authenticator yet). Blocking is for an identity in
 * use (lost phone, suspected misuse); one that was never activated is revoked instead, so that
 * unblocking can never make an identity active that never had an authenticator.
 */
import type { IdentityStatus } from './Identity.ts';

const allowed: Record<IdentityStatus, readonly IdentityStatus[]> = {
  pending_activation: ['active', 'revoked'],
  active: ['blocked', 'revoked'],
  blocked: ['active', 'revoked'],
  revoked: [],
};

export function canChangeStatus(from: IdentityStatus, to: IdentityStatus): boolean {
  return allowed[from].includes(to);
}

/** The statuses from which `to` may be reached. */
export function statusesLeadingTo(to: IdentityStatus): IdentityStatus[] {
  return (Object.keys(allowed) as IdentityStatus[]).filter((from) => canChangeStatus(from, to));
}
