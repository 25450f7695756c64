/**
 * The outbox port: every message the notifier accepts is kept here. Portable SQL only (SQLite,
 * PostgreSQL and the PostgreSQL-compatible distributed engines): no RETURNING, no upserts.
 *
 * Order: newest first by created_at, then by seq, a number that grows with each insert, so that
 * two messages in the same millisecond still have a "latest". Under truly concurrent inserts on
 * PostgreSQL two rows may share a seq; they are then equally recent, which is what they are.
 *
 * Delivery (the transactional outbox, migration 0013_outbox): a "queued" row is claimed by one
 * worker at a time with a conditional UPDATE that takes a lease (claimed_until) and a claim
 * token; of two workers on two nodes racing for a row, the database lets exactly one UPDATE
 * match. The attempt is counted at the claim, so a message whose delivery kills the process
 * cannot be tried forever. Settling a row needs the claim token: a worker whose lease ran out
 * and whose row another took over changes nothing.
 */
import { type Kysely, sql } from 'kysely';
import type { MessagesTable, MitidDb } from '../db/index.ts';
import type { Channel, MessageStatus, StoredMessage } from './Message.ts';

/** A message a worker has claimed: `attempts` includes the attempt it is about to make. */
export type ClaimedMessage = StoredMessage & { attempts: number };

export interface DeliveryState {
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: number | null;
  claimedUntil: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

export interface RecipientSummary {
  recipient: string;
  channel: Channel;
  count: number;
  latestAt: Date;
}

/** The seq column (migration 0004) is known only to this store. */
type OutboxDb = MitidDb & { messages: { seq: number } };

const columns = ['id', 'channel', 'recipient', 'subject', 'body', 'status', 'created_at'] as const;

/** Works on a Kysely instance or inside a transaction (a Transaction is a Kysely). */
export class MessageStore {
  readonly #db: Kysely<OutboxDb>;

  constructor(db: Kysely<MitidDb>) {
    this.#db = db as unknown as Kysely<OutboxDb>;
  }

  /** Writes the message; a "queued" one is due for delivery at once. */
  async add(m: StoredMessage): Promise<void> {
    const created = m.createdAt.getTime();
    await this.#db
      .insertInto('messages')
      .values({
        id: m.id,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        status: m.status,
        created_at: created,
        attempts: 0,
        next_attempt_at: m.status === 'queued' ? created : null,
        claimed_until: null,
        claim: null,
        last_error: null,
        delivered_at: m.status === 'queued' ? null : created,
        seq: sql<number>`(select coalesce(max(seq), 0) + 1 from messages)`,
      })
      .execute();
  }

  async setStatus(id: string, status: MessageStatus): Promise<void> {
    await this.#db.updateTable('messages').set({ status }).where('id', '=', id).execute();
  }

  /**
   * Claims up to `limit` queued messages that are due and not leased by another worker: each
   * with its own conditional UPDATE (portable: no SKIP LOCKED, no RETURNING). Returns the ones
   * this claim won, oldest first, each with its attempt already counted.
   */
  async claimDue(now: number, leaseMs: number, claim: string, limit: number): Promise<ClaimedMessage[]> {
    const due = await this.#db
      .selectFrom('messages')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('seq')
      .limit(limit)
      .execute();
    const won: ClaimedMessage[] = [];
    for (const { id } of due) {
      const m = await this.claim(id, now, leaseMs, claim);
      if (m) won.push(m);
    }
    return won;
  }

  /** Claims one queued message if it is not leased by another worker (due or not). */
  async claim(id: string, now: number, leaseMs: number, claim: string): Promise<ClaimedMessage | undefined> {
    const res = await this.#db
      .updateTable('messages')
      .set((eb) => ({ claimed_until: now + leaseMs, claim, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    const row = await this.#db
      .selectFrom('messages')
      .select([...columns, 'attempts'])
      .where('id', '=', id)
      .where('claim', '=', claim)
      .executeTakeFirst();
    return row && { ...fromRow(row), attempts: Number(row.attempts) };
  }

  /** The claimed message is delivered (sent or kept) or given up (failed). */
  async settle(
    id: string,
    claim: string,
    status: Exclude<MessageStatus, 'queued'>,
    now: number,
    error: string | null = null,
  ): Promise<boolean> {
    const res = await this.#db
      .updateTable('messages')
      .set({
        status,
        delivered_at: now,
        next_attempt_at: null,
        claimed_until: null,
        claim: null,
        last_error: error,
      })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The claimed message failed for now: it is due again at `at`, for any worker. */
  async retryAt(id: string, claim: string, at: number, error: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('messages')
      .set({ next_attempt_at: at, claimed_until: null, claim: null, last_error: error })
      .where('id', '=', id)
      .where('claim', '=', claim)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** How the delivery of a message stands (tests, diagnostics); no body, no recipient. */
  async deliveryOf(id: string): Promise<DeliveryState | undefined> {
    const row = await this.#db
      .selectFrom('messages')
      .select(['status', 'attempts', 'next_attempt_at', 'claimed_until', 'last_error', 'delivered_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        status: row.status,
        attempts: Number(row.attempts),
        nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
        claimedUntil: row.claimed_until === null ? null : Number(row.claimed_until),
        lastError: row.last_error,
        deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
      }
    );
  }

  /** How many messages wait for delivery (due or not). */
  async countQueued(): Promise<number> {
    const row = await this.#db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The recipient's messages on every channel, newest first; all of them unless `limit`. */
  async listByRecipient(recipient: string, opts: { limit?: number } = {}): Promise<StoredMessage[]> {
    let query = this.#db
      .selectFrom('messages')
      .select(columns)
      .where('recipient', '=', recipient)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc');
    if (opts.limit !== undefined) query = query.limit(opts.limit);
    return (await query.execute()).map(fromRow);
  }

  /** The newest message to the recipient on the channel (the code a test or a developer needs). */
  async latestTo(recipient: string, channel: Channel): Promise<StoredMessage | undefined> {
    const row = await this.#db
      .selectFrom('messages')
      .select(columns)
      .where('recipient', '=', recipient)
      .where('channel', '=', channel)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /** Recipients that have messages, most recently messaged first (at most `limit`, default 100). */
  async recipients(opts: { limit?: number } = {}): Promise<RecipientSummary[]> {
    const rows = await this.#db
      .selectFrom('messages')
      .select(['recipient', 'channel'])
      .select((eb) => [
        eb.fn.countAll<number>().as('count'),
        eb.fn.max('created_at').as('latest_at'),
        eb.fn.max('seq').as('latest_seq'),
      ])
      .groupBy(['recipient', 'channel'])
      .orderBy('latest_at', 'desc')
      .orderBy('latest_seq', 'desc')
      .limit(opts.limit ?? 100)
      .execute();
    return rows.map((r) => ({
      recipient: r.recipient,
      channel: r.channel,
      count: Number(r.count),
      latestAt: new Date(Number(r.latest_at)),
    }));
  }
}

function fromRow(row: Pick<MessagesTable, (typeof columns)[number]>): StoredMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    createdAt: new Date(Number(row.created_at)),
  };
}
