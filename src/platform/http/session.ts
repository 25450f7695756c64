/**
 * Server-side sessions in the service's database (MitID nodes are stateless: all state lives in
 * the database). The browser holds only a random id in a signed HttpOnly cookie; the database
 * holds its SHA-256, so a copy of the table gives no usable session.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { SessionsTable } from '../db/tables.ts';
import type { Random } from '../random.ts';

export interface SessionDb {
  sessions: SessionsTable;
}

const hash = (id: string): string => createHash('sha256').update(id).digest('base64url');

/** The storage port of sessions; the contract suite runs it on every database. */
export class SessionStore {
  readonly #db: Kysely<SessionDb>;
  /** Any database whose schema includes the sessions table. */
  constructor(db: Kysely<SessionDb> | { withTables: unknown }) {
    // Kysely's types are invariant in the schema; the sessions table is all this store touches.
    this.#db = db as Kysely<SessionDb>;
  }
  /** `mitidSid`: the MitID session of the login (written with a new row, kept by later puts). */
  async put(
    id: string,
    data: unknown,
    createdAt: number,
    expiresAt: number,
    mitidSid?: string,
  ): Promise<void> {
    const row = {
      id_hash: hash(id),
      data: JSON.stringify(data),
      created_at: createdAt,
      expires_at: expiresAt,
      ...(mitidSid !== undefined ? { mitid_sid: mitidSid } : {}),
    };
    await this.#db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) => oc.column('id_hash').doUpdateSet({ data: row.data, expires_at: row.expires_at }))
      .execute();
  }
  async get(id: string, now: number): Promise<unknown | undefined> {
    const row = await this.#db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('id_hash', '=', hash(id))
      .executeTakeFirst();
    if (!row || row.expires_at <= now) return undefined;
    return JSON.parse(row.data) as unknown;
  }
  async delete(id: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id_hash', '=', hash(id)).execute();
  }
  /** Ends every session of one MitID session (a back-channel logout); returns how many. */
  async deleteByMitidSid(sid: string): Promise<number> {
    const res = await this.#db.deleteFrom('sessions').where('mitid_sid', '=', sid).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
  /** Removes expired sessions; returns how many. */
  async purgeExpired(now: number): Promise<number> {
    const res = await this.#db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

export interface SessionOptions {
  cookieName: string;
  ttlMs: number;
  secure: boolean;
  clock: Clock;
  random: Random;
}

/** Reads and writes a typed session through the signed cookie. */
export class Sessions<D extends object> {
  readonly #store: SessionStore;
  readonly #opts: SessionOptions;
  constructor(store: SessionStore, opts: SessionOptions) {
    this.#store = store;
    this.#opts = opts;
  }

  #id(req: FastifyRequest): string | undefined {
    const raw = req.cookies[this.#opts.cookieName];
    if (!raw) return undefined;
    const unsigned = req.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  }

  async load(req: FastifyRequest): Promise<D | undefined> {
    const id = this.#id(req);
    if (!id) return undefined;
    return (await this.#store.get(id, this.#opts.clock.now().getTime())) as D | undefined;
  }

  /**
   * Starts a new session (a fresh id: no session fixation) and sets its cookie. `mitidSid`: the
   * MitID session it came from, whose back-channel logout ends it.
   */
  async start(
    req: FastifyRequest,
    reply: FastifyReply,
    data: D,
    opts: { mitidSid?: string } = {},
  ): Promise<void> {
    const old = this.#id(req);
    if (old) await this.#store.delete(old);
    const id = this.#opts.random.token(32);
    const now = this.#opts.clock.now().getTime();
    await this.#store.put(id, data, now, now + this.#opts.ttlMs, opts.mitidSid);
    reply.setCookie(this.#opts.cookieName, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.#opts.secure,
      signed: true,
    });
  }

  /** Replaces the data of the current session and extends its life. */
  async update(req: FastifyRequest, data: D): Promise<void> {
    const id = this.#id(req);
    if (!id) throw new Error('No session to update');
    const now = this.#opts.clock.now().getTime();
    await this.#store.put(id, data, now, now + this.#opts.ttlMs);
  }

  async end(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const id = this.#id(req);
    if (id) await this.#store.delete(id);
    reply.clearCookie(this.#opts.cookieName, { path: '/' });
  }
}
