/**
 * The self-service flow's table (migration 0034_gates, decision 0014 §6). Times are epoch
 * milliseconds, as everywhere in the MitID service's database.
 */

/** What a gate stands before: adding a chip, or changing the password. */
export const GATE_ACTIONS = ['addChip', 'changePassword'] as const;
export type GateAction = (typeof GATE_ACTIONS)[number];

/**
 * The stored status. 'waiting' and 'open' are live (one per person and action: the unique
 * partial index); 'expired' is written when a live gate is found past expires_at (the sweep, or
 * a new request of the same action), so the index lets the next one in.
 */
export const GATE_STATUSES = ['waiting', 'open', 'used', 'cancelled', 'expired'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

export interface GatesTable {
  id: string;
  /** The identity's id (the MitID uuid). */
  identity_id: string;
  action: GateAction;
  status: GateStatus;
  requested_at: number;
  /** requested_at + 24 h: the change may not be made before. */
  opens_at: number;
  /** opens_at + 7 days: the gate must be asked for again after. */
  expires_at: number;
  /** When the "it is open now" notice was queued (the sweep); null: not yet. */
  notified_at: number | null;
  /** When the status last changed (used, cancelled, expired, open). */
  updated_at: number;
}

export interface GatesDb {
  gates: GatesTable;
}
