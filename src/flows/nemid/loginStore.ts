/**
 * The persisted NemID login flow (nemid_logins). States:
 *
 *   password ──right password──▶ keycode ──right code──▶ done ──code redeemed──▶ (code_used_at set)
 *      │                            │ 3rd wrong code
 *      └──────── cancel ────────────┴──────────────────▶ failed
 *
 * Every transition is one UPDATE guarded by the state it leaves (and the expiry), so a repeated
 * or concurrent request changes nothing twice. The flow lives 10 minutes; when it reaches `done`
 * its expiry becomes the code's: 60 seconds from the key-code step.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MitidDb, NemidLoginsTable } from '../../core/db/index.ts';
import { nemidPolicy } from './nemidPolicy.ts';

export type LoginStatus = NemidLoginsTable['status'];

export interface NemidLogin {
  id: string;
  clientId: string;
  redirectUri: string;
  clientState: string;
  browserHash: string;
  status: LoginStatus;
  cpr: string | null;
  cardId: string | null;
  keyNo: string | null;
  keycodeAttempts: number;
  codeHash: string | null;
  codeUsedAt: number | null;
  createdAt: number;
  expiresAt: number;
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

const fromRow = (r: Selectable<NemidLoginsTable>): NemidLogin => ({
  id: r.id,
  clientId: r.client_id,
  redirectUri: r.redirect_uri,
  clientState: r.client_state,
  browserHash: r.browser_hash,
  status: r.status,
  cpr: r.cpr,
  cardId: r.card_id,
  keyNo: r.key_no,
  keycodeAttempts: Number(r.keycode_attempts),
  codeHash: r.code_hash,
  codeUsedAt: r.code_used_at === null ? null : Number(r.code_used_at),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

const changed = (res: { numUpdatedRows: bigint }): boolean => Number(res.numUpdatedRows) === 1;

export class NemidLoginStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  async create(input: {
    id: string;
    clientId: string;
    redirectUri: string;
    clientState: string;
    browserHash: string;
    now: number;
  }): Promise<void> {
    await this.#db
      .insertInto('nemid_logins')
      .values({
        id: input.id,
        client_id: input.clientId,
        redirect_uri: input.redirectUri,
        client_state: input.clientState,
        browser_hash: input.browserHash,
        status: 'password',
        cpr: null,
        card_id: null,
        key_no: null,
        keycode_attempts: 0,
        code_hash: null,
        code_used_at: null,
        created_at: input.now,
        expires_at: input.now + nemidPolicy.flowTtlMs,
      })
      .execute();
  }

  async get(id: string): Promise<NemidLogin | undefined> {
    const row = await this.#db.selectFrom('nemid_logins').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** password → keycode, with the person and the key asked for. */
  async toKeycode(id: string, cpr: string, cardId: string, keyNo: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ status: 'keycode', cpr, card_id: cardId, key_no: keyNo })
      .where('id', '=', id)
      .where('status', '=', 'password')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return changed(res);
  }

  /** Asks for another key (the one asked was spent elsewhere meanwhile). */
  async changeKey(id: string, fromKeyNo: string, toKeyNo: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ key_no: toKeyNo })
      .where('id', '=', id)
      .where('status', '=', 'keycode')
      .where('key_no', '=', fromKeyNo)
      .executeTakeFirst();
    return changed(res);
  }

  /** keycode → done: stores the code's hash; the flow now expires with the code. */
  async complete(id: string, codeHash: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ status: 'done', code_hash: codeHash, expires_at: now + nemidPolicy.codeTtlMs })
      .where('id', '=', id)
      .where('status', '=', 'keycode')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return changed(res);
  }

  /**
   * A repeated key-code submission of a done flow (double click, reload) gets a fresh code that
   * replaces the old one, until a code has been redeemed; the expiry is not extended.
   */
  async rotateCode(id: string, codeHash: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ code_hash: codeHash })
      .where('id', '=', id)
      .where('status', '=', 'done')
      .where('code_used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return changed(res);
  }

  /** Counts a wrong key code; returns the new count, or undefined if the flow left `keycode`. */
  async countWrongKeycode(id: string): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('nemid_logins')
      .set((eb) => ({ keycode_attempts: eb('keycode_attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'keycode')
      .returning('keycode_attempts')
      .executeTakeFirst();
    return row ? Number(row.keycode_attempts) : undefined;
  }

  async fail(id: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ status: 'failed' })
      .where('id', '=', id)
      .where('status', 'in', ['password', 'keycode'])
      .executeTakeFirst();
    return changed(res);
  }

  /**
   * Redeems a code once: only for the client and redirect URI it was issued to, before it expires.
   * Returns the login, or undefined (unknown, used, expired or someone else's code).
   */
  async redeem(
    codeHash: string,
    clientId: string,
    redirectUri: string,
    now: number,
  ): Promise<NemidLogin | undefined> {
    const res = await this.#db
      .updateTable('nemid_logins')
      .set({ code_used_at: now })
      .where('code_hash', '=', codeHash)
      .where('status', '=', 'done')
      .where('code_used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('client_id', '=', clientId)
      .where('redirect_uri', '=', redirectUri)
      .executeTakeFirst();
    if (!changed(res)) return undefined;
    const row = await this.#db
      .selectFrom('nemid_logins')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Deletes flows that expired more than a day ago; returns how many. */
  async purgeExpired(now: number): Promise<number> {
    const res = await this.#db
      .deleteFrom('nemid_logins')
      .where('expires_at', '<', now - 86_400_000)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
