/**
 * The authentication's state machine (docs/decisions/0010 §2.4), pure. Authentications.ts makes
 * each transition one conditional UPDATE whose WHERE is `from` below; this table is what those
 * WHEREs say, and what the property test checks.
 *
 *   create (browser-bound)   → awaiting_channel      create (api, ciba) → pending
 *   awaiting_channel ─verifyChannel→ pending
 *   pending ─startStep / dropStep / addProof (level not reached)→ pending
 *   pending ─addProof (requested level reached)→ approved
 *   pending ─reject→ rejected
 *   awaiting_channel | pending ─cancel→ cancelled
 *   approved ─consume→ approved (once, within CONSUME_TTL_MS of the decision)
 * Past expires_at an open row reads `expired` and accepts nothing; rejected and cancelled are final.
 */
import { MINUTE } from '../../platform/clock.ts';
import type { AuthenticationStatus, StoredStatus } from './Authentication.ts';

export const AUTHENTICATION_TTL_MS = 5 * MINUTE;
/** An approved result is handed to its client at most once, within this time of the decision. */
export const CONSUME_TTL_MS = 2 * MINUTE;

export type AuthenticationEvent =
  | { type: 'verifyChannel' }
  | { type: 'startStep' }
  | { type: 'dropStep' }
  | { type: 'addProof'; reachesLevel: boolean }
  | { type: 'reject' }
  | { type: 'cancel' }
  | { type: 'consume' };

export const OPEN_STATUSES: readonly StoredStatus[] = ['awaiting_channel', 'pending'];

/** The statuses each event may start from (the WHERE of its UPDATE). */
export const FROM: Record<AuthenticationEvent['type'], readonly StoredStatus[]> = {
  verifyChannel: ['awaiting_channel'],
  startStep: ['pending'],
  dropStep: ['pending'],
  addProof: ['pending'],
  reject: ['pending'],
  cancel: OPEN_STATUSES,
  consume: ['approved'],
};

export interface Facts {
  status: StoredStatus;
  expiresAt: number;
  decidedAt: number | null;
  consumedAt: number | null;
}

/** The status as read: an open row past its expiry is expired. */
export function statusAt(f: Pick<Facts, 'status' | 'expiresAt'>, now: number): AuthenticationStatus {
  return OPEN_STATUSES.includes(f.status) && f.expiresAt <= now ? 'expired' : f.status;
}

/** What an event does to the facts at `now`, or undefined when it is refused (nothing changes). */
export function next(f: Facts, e: AuthenticationEvent, now: number): Facts | undefined {
  if (!FROM[e.type].includes(f.status)) return undefined;
  if (e.type === 'consume') {
    if (f.consumedAt !== null || f.decidedAt === null || f.decidedAt + CONSUME_TTL_MS <= now)
      return undefined;
    return { ...f, consumedAt: now };
  }
  if (f.expiresAt <= now) return undefined;
  switch (e.type) {
    case 'verifyChannel':
      return { ...f, status: 'pending' };
    case 'startStep':
    case 'dropStep':
      return f;
    case 'addProof':
      return e.reachesLevel ? { ...f, status: 'approved', decidedAt: now } : f;
    case 'reject':
      return { ...f, status: 'rejected', decidedAt: now };
    case 'cancel':
      return { ...f, status: 'cancelled', decidedAt: now };
  }
}
