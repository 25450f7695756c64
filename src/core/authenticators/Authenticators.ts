/**
 * The authenticators service (docs/decisions/0010 §3.1): activation's last write, and block,
 * unblock and revoke of one authenticator or all of a person's, in one place. Rules:
 * - activate runs in the caller's transaction: it locks the identity row first (an UPDATE: on
 *   PostgreSQL a row lock, on SQLite the write lock), so two activations for one person run one
 *   after the other and the kind's maxActivePerIdentity and excludes hold; then it inserts the row
 *   and emits authenticator.activated on the same transaction (a throwing hook undoes it all);
 * - every status change is one compare-and-set UPDATE on the current status: of two blocks one
 *   changes something, a revoked authenticator never comes back;
 * - "all" changes identities.status only (active ↔ blocked), so reopening the MitID never reopens
 *   an authenticator that was blocked on its own; a use needs both statuses active, read in the
 *   same joined SELECT as the use (the app's signed-request check), so every node sees a block at
 *   its next request;
 * - a block or revoke runs the kind's onBlocked and the hooks (pending authentications cancelled)
 *   in its transaction.
 * Times come from the injected clock.
 */
import type { Kysely, Selectable } from 'kysely';
import type { MitidDb } from '../db/index.ts';
import type { Hooks } from '../events/index.ts';
import type { ActivationRules, Actor, Authenticator, BlockReason, Factor, KindName } from './Kind.ts';
import type { AuthenticatorsTable } from './tables.ts';

export type Target = { authenticatorId: string } | { identityId: string; all: true };
export type Activated =
  | { ok: true }
  | { ok: false; code: 'ERR_TOO_MANY_AUTHENTICATORS' | 'ERR_NOT_ACTIVATABLE' };
export interface NewAuthenticator {
  id: string;
  identityId: string;
  kind: KindName;
  label: string;
}

export interface AuthenticatorsOptions {
  db: Kysely<MitidDb>;
  now(): number;
  hooks: Hooks;
  /** The kinds' activation rules (each kind's object in kinds/ gives its own). */
  rules: Partial<Record<KindName, ActivationRules>>;
  /** The kinds' in-flight state to drop on a block or revoke. */
  onBlocked?: Partial<Record<KindName, (trx: Kysely<MitidDb>, authenticatorId: string) => Promise<void>>>;
}

export const authenticatorFromRow = (r: Selectable<AuthenticatorsTable>): Authenticator => ({
  id: r.id,
  identityId: r.identity_id,
  kind: r.kind,
  status: r.status,
  label: r.label,
  factors: JSON.parse(r.factors) as Factor[],
  maxLevel: r.max_level,
  blockedReason: r.blocked_reason,
  blockedBy: r.blocked_by,
  createdAt: r.created_at,
  activatedAt: r.activated_at,
  blockedAt: r.blocked_at,
  revokedAt: r.revoked_at,
  updatedAt: r.updated_at,
});

const changed = (res: { numUpdatedRows: bigint }): boolean => Number(res.numUpdatedRows) > 0;

export class Authenticators {
  readonly #o: AuthenticatorsOptions;
  constructor(o: AuthenticatorsOptions) {
    this.#o = o;
  }

  /** Activation's last write, in the caller's transaction (see the rules above). */
  async activate(trx: Kysely<MitidDb>, a: NewAuthenticator): Promise<Activated> {
    const rules = this.#o.rules[a.kind];
    if (!rules) throw new Error(`no activation rules for kind ${a.kind}`);
    const now = this.#o.now();
    const locked = await trx
      .updateTable('identities')
      .set({ updated_at: now })
      .where('id', '=', a.identityId)
      .where('status', 'in', ['pending_activation', 'active'])
      .executeTakeFirst();
    if (!changed(locked)) return { ok: false, code: 'ERR_NOT_ACTIVATABLE' };
    const counted = await trx
      .selectFrom('authenticators')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('identity_id', '=', a.identityId)
      .where('status', '=', 'active')
      .where('kind', 'in', [a.kind, ...rules.excludes])
      .groupBy('kind')
      .execute();
    const active = (k: KindName): number => Number(counted.find((r) => r.kind === k)?.n ?? 0);
    if (rules.excludes.some((k) => active(k) > 0)) return { ok: false, code: 'ERR_NOT_ACTIVATABLE' };
    if (active(a.kind) >= rules.maxActivePerIdentity)
      return { ok: false, code: 'ERR_TOO_MANY_AUTHENTICATORS' };
    await trx
      .insertInto('authenticators')
      .values({
        id: a.id,
        identity_id: a.identityId,
        kind: a.kind,
        status: 'active',
        label: a.label,
        factors: JSON.stringify(rules.factors),
        max_level: rules.maxLevel,
        blocked_reason: null,
        blocked_by: null,
        created_at: now,
        activated_at: now,
        blocked_at: null,
        revoked_at: null,
        updated_at: now,
      })
      .execute();
    await this.#o.hooks.emit(trx, 'authenticator.activated', {
      identityId: a.identityId,
      at: now,
      authenticatorId: a.id,
      kind: a.kind,
      label: a.label,
    });
    return { ok: true };
  }

  async get(id: string): Promise<Authenticator | undefined> {
    const row = await this.#o.db
      .selectFrom('authenticators')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? authenticatorFromRow(row) : undefined;
  }

  /**
   * The identity's authenticators (of one kind), oldest first, revoked ones included (`db`: a
   * caller's transaction, e.g. a block hook's).
   */
  async listFor(
    identityId: string,
    kind?: KindName,
    db: Kysely<MitidDb> = this.#o.db,
  ): Promise<Authenticator[]> {
    const rows = await db
      .selectFrom('authenticators')
      .selectAll()
      .where('identity_id', '=', identityId)
      .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind as KindName))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(authenticatorFromRow);
  }

  /** How many active authenticators of `kind` the identity has (`db`: a caller's transaction). */
  async countActive(identityId: string, kind: KindName, db: Kysely<MitidDb> = this.#o.db): Promise<number> {
    const row = await db
      .selectFrom('authenticators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('identity_id', '=', identityId)
      .where('kind', '=', kind)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** active → blocked (one, or the whole MitID); false when nothing was active. */
  async block(t: Target, by: Actor, reason: BlockReason): Promise<boolean> {
    const now = this.#o.now();
    return this.#o.db.transaction().execute(async (trx) => {
      if ('all' in t) {
        const res = await trx
          .updateTable('identities')
          .set({ status: 'blocked', updated_at: now })
          .where('id', '=', t.identityId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (!changed(res)) return false;
        for (const a of await this.#activeOf(trx, t.identityId))
          await this.#o.onBlocked?.[a.kind]?.(trx, a.id);
        await this.#o.hooks.emit(trx, 'identity.blocked', { identityId: t.identityId, at: now, by, reason });
        return true;
      }
      const row = await trx
        .updateTable('authenticators')
        .set({ status: 'blocked', blocked_reason: reason, blocked_by: by, blocked_at: now, updated_at: now })
        .where('id', '=', t.authenticatorId)
        .where('status', '=', 'active')
        .returning(['identity_id', 'kind'])
        .executeTakeFirst();
      if (!row) return false;
      await this.#o.onBlocked?.[row.kind]?.(trx, t.authenticatorId);
      await this.#o.hooks.emit(trx, 'authenticator.blocked', {
        identityId: row.identity_id,
        at: now,
        authenticatorId: t.authenticatorId,
        kind: row.kind,
        by,
        reason,
      });
      return true;
    });
  }

  /** blocked → active (one, or the whole MitID: an authenticator blocked on its own stays so). */
  async unblock(t: Target, by: Actor): Promise<boolean> {
    const now = this.#o.now();
    return this.#o.db.transaction().execute(async (trx) => {
      if ('all' in t) {
        const res = await trx
          .updateTable('identities')
          .set({ status: 'active', updated_at: now })
          .where('id', '=', t.identityId)
          .where('status', '=', 'blocked')
          .executeTakeFirst();
        if (!changed(res)) return false;
        await this.#o.hooks.emit(trx, 'identity.unblocked', { identityId: t.identityId, at: now, by });
        return true;
      }
      const row = await trx
        .updateTable('authenticators')
        .set({ status: 'active', blocked_reason: null, blocked_by: null, blocked_at: null, updated_at: now })
        .where('id', '=', t.authenticatorId)
        .where('status', '=', 'blocked')
        .returning(['identity_id', 'kind'])
        .executeTakeFirst();
      if (!row) return false;
      await this.#o.hooks.emit(trx, 'authenticator.unblocked', {
        identityId: row.identity_id,
        at: now,
        authenticatorId: t.authenticatorId,
        kind: row.kind,
        by,
      });
      return true;
    });
  }

  /** active | blocked → revoked, for good (the app's DELETE /devices/:id). */
  async revoke(authenticatorId: string, by: Actor): Promise<boolean> {
    const now = this.#o.now();
    return this.#o.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('authenticators')
        .set({ status: 'revoked', revoked_at: now, updated_at: now })
        .where('id', '=', authenticatorId)
        .where('status', 'in', ['active', 'blocked'])
        .returning(['identity_id', 'kind'])
        .executeTakeFirst();
      if (!row) return false;
      await this.#o.onBlocked?.[row.kind]?.(trx, authenticatorId);
      await this.#o.hooks.emit(trx, 'authenticator.revoked', {
        identityId: row.identity_id,
        at: now,
        authenticatorId,
        kind: row.kind,
        by,
      });
      return true;
    });
  }

  async #activeOf(trx: Kysely<MitidDb>, identityId: string): Promise<{ id: string; kind: KindName }[]> {
    return trx
      .selectFrom('authenticators')
      .select(['id', 'kind'])
      .where('identity_id', '=', identityId)
      .where('status', '=', 'active')
      .execute();
  }
}
