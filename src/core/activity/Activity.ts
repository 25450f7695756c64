/**
 * The person's activity log (issue 9 item 6; read by issue 12's self-service): every use of their
 * MitID, one row per authentication, with its time, service, action, authenticator, level and
 * result. Rules:
 * - a decision (approved, rejected, cancelled) is recorded by the hooks on person.authenticated
 *   and authentication.ended, inside the transaction of the change: the change and its record
 *   commit together or not at all; the row is copied from the authentication as that change
 *   left it (one INSERT … SELECT), so it says what was decided, not what the event carried;
 * - an expiry is no change (an open row past its time reads `expired`), so the sweep records it:
 *   the authentications of a known person that expired since its mark, and the mark moved, in
 *   one transaction (crash-safe); `authentication_id` is unique, so a second sweep, another
 *   node's sweep at once, or a rescan records nothing twice;
 * - a decision recorded after a node with a clock behind the sweep's already recorded the row as
 *   expired replaces it: what was decided wins over what was assumed;
 * - an authentication that names nobody (an unknown user-ID) has no person and no row.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Level } from '../authenticators/index.ts';
import type { MitidDb } from '../db/index.ts';
import type { Hook, Trx } from '../events/index.ts';
import type { ActivityTable } from './tables.ts';

/** The stored statuses an expired authentication still has (authenticationStates' open ones). */
const OPEN = ['awaiting_channel', 'pending'] as const;
/** How far before its mark the sweep looks again: rows made by a node whose clock was behind. */
export const SWEEP_RESCAN_MS = 10 * 60_000;
export const ACTIVITY_PAGE_MAX = 100;

export interface ActivityEntry {
  id: string;
  at: number;
  clientId: string;
  serviceName: string;
  action: Selectable<ActivityTable>['action'];
  kind: Selectable<ActivityTable>['kind'];
  authenticatorId: string | null;
  level: Selectable<ActivityTable>['level'];
  result: Selectable<ActivityTable>['result'];
  cancelReason: Selectable<ActivityTable>['cancel_reason'];
  authenticationId: string | null;
  /** Rejected and reported ("Afvis og anmeld", a CIBA request). */
  reported: boolean;
}

/** Where a page ends: the last entry read (its `at` and `id`); the next page starts after it. */
export type ActivityCursor = Pick<ActivityEntry, 'at' | 'id'>;

const entryOf = (r: Selectable<ActivityTable>): ActivityEntry => ({
  id: r.id,
  at: Number(r.at),
  clientId: r.client_id,
  serviceName: r.service_name,
  action: r.action,
  kind: r.kind,
  authenticatorId: r.authenticator_id,
  level: r.level,
  result: r.result,
  cancelReason: r.cancel_reason,
  authenticationId: r.authentication_id,
  reported: r.reported === 1,
});

const COLUMNS = [
  'id',
  'identity_id',
  'at',
  'client_id',
  'service_name',
  'action',
  'kind',
  'authenticator_id',
  'level',
  'result',
  'cancel_reason',
  'authentication_id',
  'reported',
] as const;

/**
 * The authentication's row as a row of the log: `result` and `at` as given (the decision's
 * status and time, or 'expired' and the expiry), the level reached when approved.
 */
function recordFrom(db: Kysely<MitidDb>, id: string, result: 'status' | 'expired') {
  return db
    .selectFrom('authentications as t')
    .select((eb) => [
      sql<string>`cast(${id} as text)`.as('id'),
      sql<string>`t.identity_id`.as('identity_id'),
      (result === 'status'
        ? sql<number>`coalesce(t.decided_at, t.expires_at)`
        : sql<number>`t.expires_at`
      ).as('at'),
      't.client_id',
      't.service_name',
      't.action',
      't.kind',
      't.authenticator_id',
      eb
        .case()
        .when('t.status', '=', 'approved')
        .then(eb.ref('t.loa'))
        .else(eb.ref('t.requested_level'))
        .end()
        .as('level'),
      (result === 'status' ? sql<string>`t.status` : sql<string>`cast('expired' as text)`).as('result'),
      't.cancel_reason',
      't.id as authentication_id',
      't.reported',
    ]);
}

/**
 * Records the decision of authentication `authenticationId` on `trx` (the change's transaction).
 * Approved, rejected or cancelled, of a known person; anything else records nothing.
 */
export async function recordDecision(trx: Trx, authenticationId: string): Promise<void> {
  await trx
    .insertInto('activity')
    .columns(COLUMNS)
    .expression(
      recordFrom(trx, randomUUID(), 'status')
        .where('t.id', '=', authenticationId)
        .where('t.identity_id', 'is not', null)
        .where('t.status', 'in', ['approved', 'rejected', 'cancelled']),
    )
    .onConflict((oc) =>
      oc.column('authentication_id').doUpdateSet((eb) => ({
        at: eb.ref('excluded.at'),
        kind: eb.ref('excluded.kind'),
        authenticator_id: eb.ref('excluded.authenticator_id'),
        level: eb.ref('excluded.level'),
        result: eb.ref('excluded.result'),
        cancel_reason: eb.ref('excluded.cancel_reason'),
        reported: eb.ref('excluded.reported'),
      })),
    )
    .execute();
}

/**
 * A CPR match at a private service (decision 0013 §6): `approved` when the number typed matched,
 * `rejected` when it did not; the number itself is never recorded.
 */
export async function recordCprMatch(
  db: Kysely<MitidDb>,
  e: {
    identityId: string;
    at: number;
    clientId: string;
    serviceName: string;
    level: Level;
    matched: boolean;
  },
): Promise<void> {
  await db
    .insertInto('activity')
    .values({
      id: randomUUID(),
      identity_id: e.identityId,
      at: e.at,
      client_id: e.clientId,
      service_name: e.serviceName,
      action: 'cpr_match',
      kind: null,
      authenticator_id: null,
      level: e.level,
      result: e.matched ? 'approved' : 'rejected',
      cancel_reason: null,
      authentication_id: null,
    })
    .execute();
}

/**
 * The hooks of the hook table (roots/mitid/hooks.ts). Every use is recorded, so they have no
 * `when`: a change that may end an authentication asks before it knows whose it is (Afbryd
 * names only the authentication), and one that names nobody records nothing by its WHERE.
 */
export const activityHooks: {
  authenticated: Hook<'person.authenticated'>;
  ended: Hook<'authentication.ended'>;
} = {
  authenticated: (trx, e) => recordDecision(trx, e.authenticationId),
  ended: (trx, e) => recordDecision(trx, e.authenticationId),
};

/**
 * The sweep's part: records, once, every authentication of a known person that expired at or
 * before `now` since the mark (less SWEEP_RESCAN_MS), then moves the mark to `now`; one
 * transaction. Returns how many it recorded.
 */
export async function sweepActivity(db: Kysely<MitidDb>, now: number): Promise<{ activityExpired: number }> {
  const recorded = await db.transaction().execute(async (trx) => {
    const mark = await trx
      .selectFrom('activity_sweep')
      .select('swept_until')
      .where('name', '=', 'expired')
      .executeTakeFirst();
    const from = Number(mark?.swept_until ?? Number.NEGATIVE_INFINITY) - SWEEP_RESCAN_MS;
    const due = await trx
      .selectFrom('authentications as t')
      .select('t.id')
      .where('t.status', 'in', OPEN)
      .where('t.expires_at', '<=', now)
      .$if(Number.isFinite(from), (qb) => qb.where('t.expires_at', '>', from))
      .where('t.identity_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('activity as a').select('a.id').whereRef('a.authentication_id', '=', 't.id'))),
      )
      .orderBy('t.expires_at')
      .execute();
    let count = 0;
    for (const { id } of due) {
      const res = await trx
        .insertInto('activity')
        .columns(COLUMNS)
        .expression(
          recordFrom(trx, randomUUID(), 'expired')
            .where('t.id', '=', id)
            .where('t.status', 'in', OPEN)
            .where('t.expires_at', '<=', now),
        )
        .onConflict((oc) => oc.column('authentication_id').doNothing())
        .executeTakeFirst();
      count += Number(res.numInsertedOrUpdatedRows ?? 0n);
    }
    await trx
      .insertInto('activity_sweep')
      .values({ name: 'expired', swept_until: now })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          swept_until: sql<number>`case when activity_sweep.swept_until > ${now} then activity_sweep.swept_until else ${now} end`,
        }),
      )
      .execute();
    return count;
  });
  return { activityExpired: recorded };
}

export interface ActivityOptions {
  db: Kysely<MitidDb>;
}

/** The reader: a person's log, newest first, a page at a time. */
export class Activity {
  readonly #db: Kysely<MitidDb>;
  constructor(o: ActivityOptions) {
    this.#db = o.db;
  }

  /**
   * At most `limit` entries (1–ACTIVITY_PAGE_MAX, default 20) of the identity, newest first;
   * with `before`, those after that entry (the last of the previous page).
   */
  async forIdentity(
    identityId: string,
    o: { limit?: number; before?: ActivityCursor } = {},
  ): Promise<ActivityEntry[]> {
    const limit = o.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > ACTIVITY_PAGE_MAX) {
      throw new RangeError(`limit must be a whole number from 1 to ${ACTIVITY_PAGE_MAX}, not ${limit}`);
    }
    const before = o.before;
    const rows = await this.#db
      .selectFrom('activity')
      .selectAll()
      .where('identity_id', '=', identityId)
      .$if(before !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('at', '<', before?.at ?? 0),
            eb.and([eb('at', '=', before?.at ?? 0), eb('id', '<', before?.id ?? '')]),
          ]),
        ),
      )
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(entryOf);
  }
}
