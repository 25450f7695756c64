/**
 * The gates of MitID.dk (decision 0014 §6, selfservice.md §2.4, §2.5, §2.9): "Anmod om adgang",
 * wait 24 hours, then the change, within 7 days, once. Rules:
 * - one live gate (waiting or open) per person and action: the unique partial index of 0034
 *   decides when two requests race; a second request returns the live one and queues nothing;
 * - the status is the clock's: a live gate is 'waiting' before opens_at, 'open' from opens_at,
 *   'expired' from expires_at, whatever the stored status says (the sweep only writes it down);
 * - a request queues the "Var det ikke dig? Spær din MitID …" notice to the confirmed contacts
 *   in its own transaction: the gate and its notice exist together;
 * - use is one conditional UPDATE (live, of this person and action, open by the clock) in the
 *   change's transaction: of two uses one wins, and a rolled-back change leaves the gate open;
 * - cancel is one conditional UPDATE on a live gate of this person: another person's gate id
 *   changes nothing (and answers as an unknown one).
 * Refusals are values (`GateRefusal`), never exceptions.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { wakeDelivery } from '../../core/messages/index.ts';
import type { MessageId } from '../../i18n/catalogue.ts';
import { type Clock, DAY, HOUR } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/isUniqueViolation.ts';
import type { Random } from '../../platform/random.ts';
import { type NoticeLog, noticeContacts } from './noticeContacts.ts';
import type { GateAction, GatesDb, GatesTable } from './tables.ts';

export const GATE_WAIT_MS = 24 * HOUR;
export const GATE_OPEN_MS = 7 * DAY;

/** What the person sees of a gate. */
export type GateState = 'waiting' | 'open' | 'expired' | 'used' | 'cancelled';

export interface Gate {
  id: string;
  identityId: string;
  action: GateAction;
  state: GateState;
  requestedAt: number;
  opensAt: number;
  expiresAt: number;
}

export type GateRefusal = 'gate_not_open' | 'gate_unknown';

export interface GatesDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  log?: NoticeLog;
}

/** The notices' texts; `what` names the action in each language. */
export const GATE_WHAT: Record<GateAction, MessageId> = {
  addChip: 'selfservice.gate.what.addChip',
  changePassword: 'selfservice.gate.what.changePassword',
};

const LIVE = ['waiting', 'open'] as const;

/** The state of a stored gate at `now` (the clock decides, not the stored status). */
export function gateState(
  row: Pick<GatesTable, 'status' | 'opens_at' | 'expires_at'>,
  now: number,
): GateState {
  if (row.status === 'used' || row.status === 'cancelled' || row.status === 'expired') return row.status;
  if (now >= row.expires_at) return 'expired';
  return now >= row.opens_at ? 'open' : 'waiting';
}

export function gateFromRow(row: GatesTable, now: number): Gate {
  return {
    id: row.id,
    identityId: row.identity_id,
    action: row.action,
    state: gateState(row, now),
    requestedAt: row.requested_at,
    opensAt: row.opens_at,
    expiresAt: row.expires_at,
  };
}

export class Gates {
  readonly #d: GatesDeps;
  constructor(d: GatesDeps) {
    this.#d = d;
  }

  #db(db: Kysely<MitidDb> = this.#d.db): Kysely<GatesDb> {
    // Kysely's schema types are invariant; gates is all this class touches.
    return db as unknown as Kysely<GatesDb>;
  }

  #now(): number {
    return this.#d.clock.now().getTime();
  }

  /** The person's live gate of `action` (waiting, open or expired by the clock), if any. */
  async current(identityId: string, action: GateAction): Promise<Gate | undefined> {
    const row = await this.#db()
      .selectFrom('gates')
      .selectAll()
      .where('identity_id', '=', identityId)
      .where('action', '=', action)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    return row ? gateFromRow(row, this.#now()) : undefined;
  }

  /**
   * "Anmod om adgang": a new gate and its notice, or the live one (created: false). A live gate
   * past its expiry is written 'expired' first, so the index lets the new one in.
   */
  async request(identityId: string, action: GateAction): Promise<{ gate: Gate; created: boolean }> {
    const now = this.#now();
    const live = await this.current(identityId, action);
    if (live && live.state !== 'expired') return { gate: live, created: false };
    const row: GatesTable = {
      id: this.#d.random.token(16),
      identity_id: identityId,
      action,
      status: 'waiting',
      requested_at: now,
      opens_at: now + GATE_WAIT_MS,
      expires_at: now + GATE_WAIT_MS + GATE_OPEN_MS,
      notified_at: null,
      updated_at: now,
    };
    try {
      await this.#d.db.transaction().execute(async (trx) => {
        await this.#db(trx)
          .updateTable('gates')
          .set({ status: 'expired', updated_at: now })
          .where('identity_id', '=', identityId)
          .where('action', '=', action)
          .where('status', 'in', LIVE)
          .where('expires_at', '<=', now)
          .execute();
        await this.#db(trx).insertInto('gates').values(row).execute();
        await noticeContacts(
          trx,
          this.#d,
          identityId,
          {
            subject: 'selfservice.gate.notice.requested.subject',
            body: 'selfservice.gate.notice.requested.body',
          },
          now,
          { what: GATE_WHAT[action] },
        );
      });
    } catch (err) {
      // Lost the race to a request at the same moment: theirs is the one.
      const winner = isUniqueViolation(err) ? await this.current(identityId, action) : undefined;
      if (winner) return { gate: winner, created: false };
      throw err;
    }
    wakeDelivery(this.#d.db);
    return { gate: gateFromRow(row, now), created: true };
  }

  /**
   * Uses the person's open gate of `action`, in `trx` (the change's transaction). One
   * conditional UPDATE: of two uses one wins; before opens_at or from expires_at it refuses.
   */
  async use(
    trx: Kysely<MitidDb>,
    identityId: string,
    action: GateAction,
  ): Promise<{ ok: true } | { ok: false; reason: GateRefusal }> {
    const now = this.#now();
    const res = await this.#db(trx)
      .updateTable('gates')
      .set({ status: 'used', updated_at: now })
      .where('identity_id', '=', identityId)
      .where('action', '=', action)
      .where('status', 'in', LIVE)
      .where('opens_at', '<=', now)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? { ok: true } : { ok: false, reason: 'gate_not_open' };
  }

  /** Cancels the person's live gate `gateId`; another person's or a finished one: 'gate_unknown'. */
  async cancel(
    identityId: string,
    gateId: string,
  ): Promise<{ ok: true } | { ok: false; reason: GateRefusal }> {
    const res = await this.#db()
      .updateTable('gates')
      .set({ status: 'cancelled', updated_at: this.#now() })
      .where('id', '=', gateId)
      .where('identity_id', '=', identityId)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? { ok: true } : { ok: false, reason: 'gate_unknown' };
  }
}
