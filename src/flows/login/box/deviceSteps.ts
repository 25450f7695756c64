/**
 * The device steps' server side (decision 0014 §4): an answer typed in the box (a code, a
 * password, a chip's assertion) goes to the kind through MitidCore.implementations, and a proof
 * goes to the authentication with Authentications.addProof. Rules:
 * - the authenticator is the person's active one of the step's kinds; for nobody, or a person
 *   without one, a decoy (no authenticator row): the kind takes the same statements and refuses
 *   as for a wrong answer, so a stranger learns nothing of whether the user-ID or the device was
 *   wrong (the same reads run for a known and an unknown user-ID). The decoy's id is
 *   `decoy:` + the authentication's decoy reference (an HMAC of the typed user-ID, kept at
 *   create), so one user-ID meets one decoy across logins and the code-device kind counts and
 *   slows it as a real device (docs/security.md §11.5); without a reference (a step-up), a random id;
 * - the kind counts the attempt before it compares, in its own table; the box never counts;
 * - addProof is a compare-and-set on the proofs as read: of two posts of one right answer at
 *   once, at most one proof is added (`raced` for the other: the page shows the state);
 * - the chip's challenge is kept as the step state (startStep) and consumed by the proof.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Authentication, Authentications } from '../../../core/authentications/index.ts';
import {
  type Authenticator,
  decoyAuthenticatorId,
  type KindName,
  type StepOutcome,
} from '../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Implementations } from './methods.ts';

export interface DeviceStepsDeps {
  db: Kysely<MitidDb>;
  now(): number;
  authentications: Authentications;
  authenticators: { listFor(identityId: string, kind?: KindName): Promise<Authenticator[]> };
  /** Read at each answer: the root fills it as it builds the kinds. */
  implementations(): Implementations;
}

export type StepResult =
  | { ok: true; approved: boolean }
  | { ok: false; code: string; details?: Record<string, unknown> }
  /** Decided, expired or answered meanwhile (another post won): show the state. */
  | { ok: false; raced: true };

/** A stand-in authenticator for nobody, or for a person without one of the kinds: no row. */
export function decoyAuthenticator(
  kind: KindName,
  identityId: string | null,
  now: number,
  decoyRef?: string | null,
): Authenticator {
  return {
    id: decoyRef ? decoyAuthenticatorId(decoyRef) : randomUUID(),
    identityId: identityId ?? '',
    kind,
    status: 'active',
    label: '',
    factors: ['possession'],
    maxLevel: 'substantial',
    blockedReason: null,
    blockedBy: null,
    createdAt: now,
    activatedAt: now,
    blockedAt: null,
    revokedAt: null,
    updatedAt: now,
  };
}

export class DeviceSteps {
  readonly #d: DeviceStepsDeps;
  constructor(d: DeviceStepsDeps) {
    this.#d = d;
  }

  /**
   * The person's active authenticator of one of `kinds` whose behaviour is wired, or a decoy of
   * the first wired kind, named by `decoyRef` (the authentication's; else random), or `decoyId`
   * (the one a step began with, so that the answer to it finds its step state as a real one
   * does). The same read for nobody (a random identity id).
   */
  async authenticatorFor(
    identityId: string | null,
    kinds: readonly KindName[],
    decoyId?: string,
    decoyRef?: string | null,
  ): Promise<Authenticator> {
    const impl = this.#d.implementations();
    const wired = kinds.filter((k) => impl[k] !== undefined);
    const all = await this.#d.authenticators.listFor(identityId ?? randomUUID());
    const mine = all.find((a) => a.status === 'active' && wired.includes(a.kind));
    if (mine) return mine;
    const decoy = decoyAuthenticator(wired[0] ?? kinds[0] ?? 'password', identityId, this.#d.now(), decoyRef);
    return decoyId ? { ...decoy, id: decoyId } : decoy;
  }

  /** The chip's WebAuthn options; its challenge kept as the step state of the authentication. */
  async beginChip(a: Authentication): Promise<Record<string, unknown> | undefined> {
    const kind = this.#d.implementations().chip;
    if (!kind) return undefined;
    const chip = await this.authenticatorFor(a.identityId, ['chip'], undefined, a.decoyRef);
    const step = await kind.begin(this.#ctx(), chip, a);
    if (step.type !== 'webauthn') return undefined;
    const state = step.state ?? String(step.options.challenge ?? '');
    const kept = await this.#d.authentications.startStep(a.id, chip.id, state);
    return kept ? step.options : undefined;
  }

  /**
   * One answer to one of `kinds` (the device, or the password): the kind's outcome, and on a
   * proof, addProof. `a` is the authentication as read for this request.
   */
  async answer(a: Authentication, kinds: readonly KindName[], answer: object): Promise<StepResult> {
    const who = await this.authenticatorFor(a.identityId, kinds, a.step?.authenticatorId, a.decoyRef);
    const kind = this.#d.implementations()[who.kind];
    if (!kind) return { ok: false, code: 'unavailable' };
    // The chip's step state is the one its begin kept (for the same authenticator, decoy or not).
    const stepState = a.step && a.step.authenticatorId === who.id ? a.step.state : undefined;
    if (kinds.includes('chip') && stepState === undefined) return { ok: false, code: 'chip_expired' };
    const outcome: StepOutcome = await (kind.complete as (...x: unknown[]) => Promise<StepOutcome>)(
      this.#ctx(),
      who,
      a,
      answer,
    );
    if (!outcome.ok)
      return { ok: false, code: outcome.code, ...(outcome.details ? { details: outcome.details } : {}) };
    const identity = a.identityId
      ? await this.#d.db
          .selectFrom('identities')
          .select(['ial', 'notify_every_use'])
          .where('id', '=', a.identityId)
          .executeTakeFirst()
      : undefined;
    if (!identity || a.challenge === null) return { ok: false, raced: true };
    const added = await this.#d.authentications.addProof(a, {
      proof: outcome.proof,
      challenge: a.challenge,
      ...(stepState !== undefined ? { stepState } : {}),
      evidence: { box: true, kind: outcome.proof.kind, authenticatorId: outcome.proof.authenticatorId },
      notifyEveryUse: identity.notify_every_use === 1,
      ial: identity.ial,
    });
    if (!added) return { ok: false, raced: true };
    const after = await this.#d.authentications.get(a.id);
    return { ok: true, approved: after?.status === 'approved' };
  }

  #ctx() {
    return { db: this.#d.db, now: () => this.#d.now() };
  }
}
