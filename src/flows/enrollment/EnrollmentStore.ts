/**
 * Enrollments as persisted flows. Rules:
 * - at most one open enrollment per person (unique partial index): starting again resumes it;
 * - every change is compare-and-set on `version`, through the pure state machine (`next`), so a
 *   repeated step (double click, back button, retry) has its effect once and a stale page cannot
 *   move the flow;
 * - a flow expires after a week without activity (longer once a device is on its way by post);
 * - the hand-over ticket from the registration authority works once and binds the browser;
 * - the browser binding lasts 15 minutes after that browser's last request (`touchBrowser`), and
 *   ends at once when the bank says its customer logged out (`endBrowser`); the flow itself stays.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { EnrollmentsTable, MitidDb } from '../../core/db/index.ts';
import { DAY } from '../../platform/clock.ts';
import {
  type EnrollmentEvent,
  type EnrollmentRoute,
  type EnrollmentState,
  isConsistentState,
  isOutcome,
  type KindOffers,
  next,
  type Refusal,
  startEnrollment,
} from './flowStates.ts';

export const ENROLLMENT_IDLE_MS = 7 * DAY;
/** A device by post arrives within 15 days; the flow waits for it with room to spare. */
export const ENROLLMENT_DEVICE_WAIT_MS = 45 * DAY;
export const TICKET_TTL_MS = 2 * 60_000;
/** An idle wizard asks for the person again: as long as a net bank's session lasts without activity. */
export const BROWSER_IDLE_MS = 15 * 60_000;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export interface Enrollment {
  id: string;
  cpr: string;
  route: EnrollmentRoute;
  raClientId: string | null;
  raName: string | null;
  identifiedBy: string;
  returnUrl: string | null;
  browserHash: string | null;
  /** Until when the bound browser may use the flow (null: no browser may). */
  browserExpiresAt: number | null;
  state: EnrollmentState;
  version: number;
  mobile: string | null;
  email: string | null;
  userId: string | null;
  identityId: string | null;
  orderId: string | null;
  open: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** A stored flow, its state checked against the kinds the registry offers (`kinds`). */
export function enrollmentFromRow(row: Selectable<EnrollmentsTable>, kinds: KindOffers): Enrollment {
  const state = JSON.parse(row.state) as EnrollmentState;
  if (!isConsistentState(state, kinds))
    throw new Error(`Enrollment ${row.id} has an inconsistent stored state`);
  return {
    id: row.id,
    cpr: row.cpr,
    route: row.route,
    raClientId: row.ra_client_id,
    raName: row.ra_name,
    identifiedBy: row.identified_by,
    returnUrl: row.return_url,
    browserHash: row.browser_hash,
    browserExpiresAt: row.browser_expires_at,
    state,
    version: row.version,
    mobile: row.mobile,
    email: row.email,
    userId: row.user_id,
    identityId: row.identity_id,
    orderId: row.order_id,
    open: row.open === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

export interface NewEnrollment {
  cpr: string;
  route: EnrollmentRoute;
  raClientId?: string;
  raName?: string;
  identifiedBy: string;
  returnUrl?: string;
  /** Bank route: the hand-over ticket (its hash is stored). */
  ticket?: string;
  /** MitID.dk route: the browser is bound at once. */
  browserHash?: string;
}

/** Values a step stores beside its event. */
export type EnrollmentPatch = Partial<
  Pick<Enrollment, 'mobile' | 'email' | 'userId' | 'identityId' | 'orderId'>
>;

export type ApplyResult =
  | { ok: true; enrollment: Enrollment }
  | { ok: false; reason: Refusal | 'stale' | 'notFound'; enrollment?: Enrollment };

export class EnrollmentStore {
  readonly #db: Kysely<MitidDb>;
  readonly #kinds: KindOffers;
  /** `kinds`: the kind registry, which says what each choice needs (flowStates.ts). */
  constructor(db: Kysely<MitidDb>, kinds: KindOffers) {
    this.#db = db;
    this.#kinds = kinds;
  }

  async get(id: string): Promise<Enrollment | undefined> {
    const row = await this.#db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? enrollmentFromRow(row, this.#kinds) : undefined;
  }

  async openFor(cpr: string): Promise<Enrollment | undefined> {
    const row = await this.#db
      .selectFrom('enrollments')
      .selectAll()
      .where('cpr', '=', cpr)
      .where('open', '=', 1)
      .executeTakeFirst();
    return row ? enrollmentFromRow(row, this.#kinds) : undefined;
  }

  /**
   * Starts an enrollment, or returns the person's open one (`resumed: true`), re-issuing the
   * hand-over ticket or re-binding the browser: the person proved who they are again.
   * An open enrollment that has expired is closed first.
   */
  async start(
    input: NewEnrollment,
    now: number,
    id: string,
  ): Promise<{ enrollment: Enrollment; resumed: boolean }> {
    return this.#db.transaction().execute(async (trx) => {
      const handover = {
        ticket_hash: input.ticket ? sha256(input.ticket) : null,
        ticket_expires_at: input.ticket ? now + TICKET_TTL_MS : null,
        browser_hash: input.browserHash ?? null,
        browser_expires_at: input.browserHash ? now + BROWSER_IDLE_MS : null,
      };
      const existing = await trx
        .selectFrom('enrollments')
        .selectAll()
        .where('cpr', '=', input.cpr)
        .where('open', '=', 1)
        .executeTakeFirst();
      if (existing && existing.expires_at <= now) {
        // The person's earlier enrollment ran out: close it, and start afresh below.
        const expired = next(enrollmentFromRow(existing, this.#kinds).state, { type: 'expire' }, this.#kinds);
        await trx
          .updateTable('enrollments')
          .set({
            open: 0,
            state: JSON.stringify(
              expired.ok
                ? expired.state
                : { ...enrollmentFromRow(existing, this.#kinds).state, step: 'expired' },
            ),
            version: existing.version + 1,
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .execute();
      } else if (existing) {
        await trx
          .updateTable('enrollments')
          .set({
            ...handover,
            ra_client_id: input.raClientId ?? existing.ra_client_id,
            ra_name: input.raName ?? existing.ra_name,
            return_url: input.returnUrl ?? existing.return_url,
            identified_by: input.identifiedBy,
            version: existing.version + 1,
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .execute();
        const row = await trx
          .selectFrom('enrollments')
          .selectAll()
          .where('id', '=', existing.id)
          .executeTakeFirstOrThrow();
        return { enrollment: enrollmentFromRow(row, this.#kinds), resumed: true };
      }
      let state = startEnrollment(input.route);
      if (input.route === 'bank') {
        // FÅ MITID NU in the bank is the guide's step 1: the wizard opens at the terms.
        const started = next(state, { type: 'start' }, this.#kinds);
        if (started.ok) state = started.state;
      }
      const row = {
        id,
        cpr: input.cpr,
        route: input.route,
        ra_client_id: input.raClientId ?? null,
        ra_name: input.raName ?? null,
        identified_by: input.identifiedBy,
        return_url: input.returnUrl ?? null,
        ...handover,
        state: JSON.stringify(state),
        version: 1,
        mobile: null,
        email: null,
        user_id: null,
        identity_id: null,
        order_id: null,
        open: 1,
        created_at: now,
        updated_at: now,
        expires_at: now + ENROLLMENT_IDLE_MS,
      };
      await trx.insertInto('enrollments').values(row).execute();
      return { enrollment: enrollmentFromRow(row, this.#kinds), resumed: false };
    });
  }

  /** Redeems a hand-over ticket once, binding the enrollment to this browser. */
  async claimTicket(ticket: string, browserHash: string, now: number): Promise<Enrollment | undefined> {
    const hash = sha256(ticket);
    const res = await this.#db
      .updateTable('enrollments')
      .set({
        ticket_hash: null,
        ticket_expires_at: null,
        browser_hash: browserHash,
        browser_expires_at: now + BROWSER_IDLE_MS,
        updated_at: now,
      })
      .where('ticket_hash', '=', hash)
      .where('ticket_expires_at', '>', now)
      .where('open', '=', 1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    const row = await this.#db
      .selectFrom('enrollments')
      .selectAll()
      .where('browser_hash', '=', browserHash)
      .where('open', '=', 1)
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return row ? enrollmentFromRow(row, this.#kinds) : undefined;
  }

  /**
   * Moves the flow by `event` if it is still at `expectedVersion` (compare-and-set), storing
   * `patch` with it. A stale version means the step already happened (or another tab moved on).
   */
  async apply(
    id: string,
    expectedVersion: number,
    event: EnrollmentEvent,
    patch: EnrollmentPatch,
    now: number,
    trx: Kysely<MitidDb> = this.#db,
  ): Promise<ApplyResult> {
    const row = await trx.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return { ok: false, reason: 'notFound' };
    const current = enrollmentFromRow(row, this.#kinds);
    if (current.version !== expectedVersion) return { ok: false, reason: 'stale', enrollment: current };
    const moved = next(current.state, event, this.#kinds);
    if (!moved.ok) return { ok: false, reason: moved.reason, enrollment: current };
    const ended = isOutcome(moved.state.step);
    const waitingForDevice = moved.state.delivery === 'post' || moved.state.delivery === 'pickup';
    const set = {
      state: JSON.stringify(moved.state),
      version: expectedVersion + 1,
      open: ended ? 0 : 1,
      updated_at: now,
      expires_at: now + (waitingForDevice ? ENROLLMENT_DEVICE_WAIT_MS : ENROLLMENT_IDLE_MS),
      ...(patch.mobile !== undefined ? { mobile: patch.mobile } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      ...(patch.userId !== undefined ? { user_id: patch.userId } : {}),
      ...(patch.identityId !== undefined ? { identity_id: patch.identityId } : {}),
      ...(patch.orderId !== undefined ? { order_id: patch.orderId } : {}),
    };
    const res = await trx
      .updateTable('enrollments')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const fresh = await this.get(id);
      return { ok: false, reason: 'stale', ...(fresh ? { enrollment: fresh } : {}) };
    }
    return {
      ok: true,
      enrollment: {
        ...current,
        ...patch,
        state: moved.state,
        version: expectedVersion + 1,
        open: !ended,
        updatedAt: now,
        expiresAt: set.expires_at,
      },
    };
  }

  /**
   * The bound browser is active: its binding lives another BROWSER_IDLE_MS. One compare-and-set,
   * so a binding that has ended (idle, or the bank's logout) is never revived. The flow's version
   * does not change: a page open in another tab stays current.
   */
  async touchBrowser(id: string, browserHash: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('enrollments')
      .set({ browser_expires_at: now + BROWSER_IDLE_MS })
      .where('id', '=', id)
      .where('browser_hash', '=', browserHash)
      .where('browser_expires_at', '>', now)
      .where('open', '=', 1)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * The registration authority's customer logged out: the browser it handed the flow to may no
   * longer use it (an unclaimed hand-over ticket is void too). Only for the authority that started
   * the flow. Returns whether a binding ended; the flow and everything in it stay.
   */
  async endBrowser(id: string, raClientId: string, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('enrollments')
      .set({ browser_expires_at: now, ticket_hash: null, ticket_expires_at: null })
      .where('id', '=', id)
      .where('ra_client_id', '=', raClientId)
      .where('open', '=', 1)
      .where((eb) => eb.or([eb('browser_expires_at', '>', now), eb('ticket_hash', 'is not', null)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Whether this registration authority has ever started an enrollment for the person. */
  async startedBy(cpr: string, raClientId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('enrollments')
      .select('id')
      .where('cpr', '=', cpr)
      .where('ra_client_id', '=', raClientId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Stores values without moving the flow (e.g. the mobile number before its code is confirmed). */
  async patch(id: string, expectedVersion: number, patch: EnrollmentPatch, now: number): Promise<boolean> {
    const res = await this.#db
      .updateTable('enrollments')
      .set({
        version: expectedVersion + 1,
        updated_at: now,
        expires_at: now + ENROLLMENT_IDLE_MS,
        ...(patch.mobile !== undefined ? { mobile: patch.mobile } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .where('open', '=', 1)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
