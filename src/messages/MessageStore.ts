/**
 * The outbox port: every message the notifier accepts is kept here. Portable SQL only (SQLite,
 * PostgreSQL and the PostgreSQL-compatible distributed engines): no RETURNING, no upserts.
 *
 * Order: newest first by created_at, then by seq, a number that grows with each insert, so that
 * two messages in the same millisecond still have a "latest". Under truly concurrent inserts on
 * PostgreSQL two rows may share a seq; they are then equally recent, which is what they are.
 */
import { type Kysely, sql } from 'kysely';
import type { MessagesTable, MitidDb } from '../mitid/db/schema.ts';
import type { Channel, MessageStatus, StoredMessage } from './Message.ts';

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

  async add(m: StoredMessage): Promise<void> {
    await this.#db
      .insertInto('messages')
      .values({
        id: m.id,
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        status: m.status,
        created_at: m.createdAt.getTime(),
        seq: sql<number>`(select coalesce(max(seq), 0) + 1 from messages)`,
      })
      .execute();
  }

  async setStatus(id: string, status: MessageStatus): Promise<void> {
    await this.#db.updateTable('messages').set({ status }).where('id', '=', id).execute();
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

function fromRow(row: MessagesTable): StoredMessage {
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
