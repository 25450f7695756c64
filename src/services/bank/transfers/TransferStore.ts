/**
 * Min Bank's transfers and their bookings (bank migration 0026_transfers). Rules:
 * - a transfer is stored `awaiting_approval` only when the form was valid; it moves once, by a
 *   conditional UPDATE (`… WHERE status = 'awaiting_approval'`), to booked, cancelled or refused;
 * - booking is ONE transaction: the transfer to booked, the debit with the balance re-checked in
 *   the UPDATE (`balance_ore >= amount`), the credit when the creditor account is one of the
 *   bank's own, and the booking row with the transaction token and its jti (unique). Any step that
 *   finds nothing rolls all of it back: a replay, a second node or a spent balance books nothing;
 * - the transfers a customer started are counted in the database (per customer, 15 minutes).
 */
import { type Kysely, sql } from 'kysely';
import type { BankDb, BookingsTable, TransferStatus, TransfersTable } from '../db/schema.ts';

export type Transfer = TransfersTable;
export type Booking = BookingsTable;

/** A transfer awaiting approval longer than this is expired (the pending cookie lives as long). */
export const APPROVAL_WINDOW_MS = 10 * 60_000;
/** At most this many transfers per customer in `RECENT_WINDOW_MS`. */
export const RECENT_MAX = 10;
export const RECENT_WINDOW_MS = 15 * 60_000;

export type BookResult =
  | { ok: true; booking: Booking }
  | { ok: false; problem: 'not_awaiting' | 'insufficient_funds' | 'jti_used' };

class Rollback extends Error {
  readonly problem: 'not_awaiting' | 'insufficient_funds' | 'jti_used';
  constructor(problem: 'not_awaiting' | 'insufficient_funds' | 'jti_used') {
    super(problem);
    this.problem = problem;
  }
}

export class TransferStore {
  readonly #db: Kysely<BankDb>;
  constructor(db: Kysely<BankDb>) {
    this.#db = db;
  }

  async create(t: Omit<Transfer, 'status' | 'reason' | 'decided_at'>): Promise<Transfer> {
    const row: Transfer = { ...t, status: 'awaiting_approval', reason: null, decided_at: null };
    await this.#db.insertInto('transfers').values(row).execute();
    return row;
  }

  /** The customer's transfer (never another customer's). */
  async get(id: string, cpr: string): Promise<Transfer | undefined> {
    const row = await this.#db
      .selectFrom('transfers')
      .selectAll()
      .where('id', '=', id)
      .where('cpr', '=', cpr)
      .executeTakeFirst();
    return row ? { ...row, amount_ore: Number(row.amount_ore) } : undefined;
  }

  async bookingOf(transferId: string): Promise<Booking | undefined> {
    const row = await this.#db
      .selectFrom('bookings')
      .selectAll()
      .where('transfer_id', '=', transferId)
      .executeTakeFirst();
    return row
      ? {
          ...row,
          amount_ore: Number(row.amount_ore),
          approved_at: Number(row.approved_at),
          booked_at: Number(row.booked_at),
        }
      : undefined;
  }

  async isJtiUsed(jti: string): Promise<boolean> {
    return (
      (await this.#db.selectFrom('bookings').select('id').where('jti', '=', jti).executeTakeFirst()) !==
      undefined
    );
  }

  /** How many transfers the customer started since `since`. */
  async countSince(cpr: string, since: number): Promise<number> {
    const row = await this.#db
      .selectFrom('transfers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cpr', '=', cpr)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Ends a transfer that awaits approval (false: it had already moved). */
  async decline(
    id: string,
    status: Exclude<TransferStatus, 'awaiting_approval' | 'booked'>,
    reason: string,
    now: number,
  ): Promise<boolean> {
    const res = await this.#db
      .updateTable('transfers')
      .set({ status, reason: reason.slice(0, 200), decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'awaiting_approval')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Marks every transfer that waited longer than the approval window as cancelled (expired). */
  async expireStale(now: number): Promise<number> {
    const res = await this.#db
      .updateTable('transfers')
      .set({ status: 'cancelled', reason: 'expired', decided_at: now })
      .where('status', '=', 'awaiting_approval')
      .where('created_at', '<', now - APPROVAL_WINDOW_MS)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Books an approved transfer: all of it in one transaction, or nothing. */
  async book(
    transfer: Transfer,
    evidence: { id: string; token: string; jti: string; loa: string; approvedAt: number },
    now: number,
  ): Promise<BookResult> {
    try {
      const booking = await this.#db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('transfers')
          .set({ status: 'booked', reason: null, decided_at: now })
          .where('id', '=', transfer.id)
          .where('status', '=', 'awaiting_approval')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw new Rollback('not_awaiting');
        const debited = await trx
          .updateTable('accounts')
          .set({ balance_ore: sql`balance_ore - ${transfer.amount_ore}` })
          .where('id', '=', transfer.account_id)
          .where('cpr', '=', transfer.cpr)
          .where('balance_ore', '>=', transfer.amount_ore)
          .executeTakeFirst();
        if (Number(debited.numUpdatedRows) !== 1) throw new Rollback('insufficient_funds');
        await trx
          .updateTable('accounts')
          .set({ balance_ore: sql`balance_ore + ${transfer.amount_ore}` })
          .where('reg_no', '=', transfer.creditor_reg_no)
          .where('account_no', '=', transfer.creditor_account_no)
          .where('id', '<>', transfer.account_id)
          .execute();
        const booking: Booking = {
          id: evidence.id,
          transfer_id: transfer.id,
          account_id: transfer.account_id,
          amount_ore: transfer.amount_ore,
          transaction_token: evidence.token,
          jti: evidence.jti,
          loa: evidence.loa,
          approved_at: evidence.approvedAt,
          booked_at: now,
        };
        try {
          await trx.insertInto('bookings').values(booking).execute();
        } catch {
          // The unique jti (or transfer): the same approval cannot book twice.
          throw new Rollback('jti_used');
        }
        return booking;
      });
      return { ok: true, booking };
    } catch (err) {
      if (err instanceof Rollback) return { ok: false, problem: err.problem };
      throw err;
    }
  }
}
