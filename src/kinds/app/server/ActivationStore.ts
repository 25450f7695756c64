/**
 * App activations as persisted flows (docs/protocols/app.md, "Activation"):
 *
 *   activationCode ─code─▶ temporaryPin ─temporary PIN─▶ pin ─OPAQUE start─▶ finish ─device─▶ done
 *   (a transfer code from an existing app starts the flow at temporaryPin)
 *
 * Rules: a step moves the flow only from its own step (compare-and-set on `step`), so a repeated
 * or concurrent call has its effect once; a flow lives 15 minutes from its start, whatever
 * happens in it; a flow for an unknown user-ID has no identity and never gets past its code;
 * a flow takes at most 3 activation codes (CODE_TRIES_PER_FLOW), counted before compared.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AppActivationsTable, MitidDb } from '../../../core/db/index.ts';
import { MINUTE } from '../../../platform/clock.ts';

export const ACTIVATION_TTL_MS = 15 * MINUTE;

/** Activation codes one flow may try, the right one included: the 3rd wrong one ends the flow. */
export const CODE_TRIES_PER_FLOW = 3;

export type ActivationStep = AppActivationsTable['step'];

/** The steps whose answer is kept for a repeat (stepAnswers.ts). */
export type AnsweredStep = NonNullable<AppActivationsTable['answered_step']>;

export interface Activation {
  id: string;
  identityId: string | null;
  deviceId: string;
  deviceName: string;
  via: AppActivationsTable['via'];
  step: ActivationStep;
  createdAt: number;
  expiresAt: number;
}

export type NewActivation = Omit<Activation, 'createdAt' | 'expiresAt'>;

const fromRow = (r: Selectable<AppActivationsTable>): Activation => ({
  id: r.id,
  identityId: r.identity_id,
  deviceId: r.device_id,
  deviceName: r.device_name,
  via: r.via,
  step: r.step,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export class ActivationStore {
  readonly #db: Kysely<MitidDb>;
  constructor(db: Kysely<MitidDb>) {
    this.#db = db;
  }

  async create(a: NewActivation, now: number): Promise<Activation> {
    const row: Selectable<AppActivationsTable> = {
      id: a.id,
      identity_id: a.identityId,
      device_id: a.deviceId,
      device_name: a.deviceName,
      via: a.via,
      step: a.step,
      code_tries: 0,
      created_at: now,
      updated_at: now,
      expires_at: now + ACTIVATION_TTL_MS,
      answered_step: null,
      answer_request: null,
      answer: null,
    };
    await this.#db.insertInto('app_activations').values(row).execute();
    return fromRow(row);
  }

  async get(id: string): Promise<Activation | undefined> {
    const row = await this.#db
      .selectFrom('app_activations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Moves the flow from `from` to `to` if it is at `from` and not expired; false otherwise. */
  async advance(
    id: string,
    from: ActivationStep,
    to: ActivationStep,
    now: number,
    db: Kysely<MitidDb> = this.#db,
  ): Promise<boolean> {
    const res = await db
      .updateTable('app_activations')
      .set({ step: to, updated_at: now })
      .where('id', '=', id)
      .where('step', '=', from)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Counts one activation-code try of a flow at the activation-code step, before the code is
   * compared, in one conditional UPDATE (parallel tries cannot pass the limit). Returns the
   * flow's tries including this one, or undefined when it has none left (or moved on, expired).
   */
  async countCodeTry(id: string, now: number): Promise<number | undefined> {
    const row = await this.#db
      .updateTable('app_activations')
      .set((eb) => ({ code_tries: eb('code_tries', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .where('step', '=', 'activationCode')
      .where('code_tries', '<', CODE_TRIES_PER_FLOW)
      .where('expires_at', '>', now)
      .returning('code_tries')
      .executeTakeFirst();
    return row?.code_tries;
  }

  /**
   * Keeps the answer of the step that just moved the flow (in that step's transaction): the
   * keyed digest of its request and the answer, sealed by the caller.
   */
  async keepAnswer(
    id: string,
    step: AnsweredStep,
    request: string,
    sealedAnswer: string,
    db: Kysely<MitidDb> = this.#db,
  ): Promise<void> {
    await db
      .updateTable('app_activations')
      .set({ answered_step: step, answer_request: request, answer: sealedAnswer })
      .where('id', '=', id)
      .execute();
  }

  /** The kept answer of `step`, while the flow is where that step moved it and not expired. */
  async keptAnswer(
    id: string,
    step: AnsweredStep,
    movedTo: ActivationStep,
    now: number,
  ): Promise<{ request: string; sealedAnswer: string } | undefined> {
    const row = await this.#db
      .selectFrom('app_activations')
      .select(['answer_request', 'answer'])
      .where('id', '=', id)
      .where('answered_step', '=', step)
      .where('step', '=', movedTo)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row?.answer_request || !row.answer) return undefined;
    return { request: row.answer_request, sealedAnswer: row.answer };
  }

  /** Housekeeping: forgets flows that expired before `before`. */
  async purgeExpired(before: number): Promise<number> {
    const res = await this.#db
      .deleteFrom('app_activations')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
