/**
 * A step repeated after a crash (or a lost answer) gets the answer the first one gave. Rules:
 * - the step that moves the flow keeps, in its own transaction, a keyed digest of its request
 *   (HMAC-SHA-256 with a key derived from the service secret, own HKDF label) and its answer,
 *   sealed to the flow and the step (AES-256-GCM, sealed.ts): a copy of the table reveals no
 *   temporary PIN and cannot be replayed elsewhere;
 * - a repeat is the same activation id with the same request (the same code; the same record,
 *   key and choices at finish), while the flow is still where that step moved it and not
 *   expired; anything else is not a repeat and gets the step's usual answer (409 wrong_step);
 * - the comparison is constant-time.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Sealer } from '../../../core/codes/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { deriveSubkey } from '../../../platform/keys/deriveSubkey.ts';
import { sameSecret } from '../../../platform/sameSecret.ts';
import { type ActivationStep, ActivationStore, type AnsweredStep } from './ActivationStore.ts';

export interface StepAnswers {
  /** Keeps the answer of `step` for activation `id`, on the step's transaction. */
  keep(trx: Kysely<MitidDb>, id: string, step: AnsweredStep, request: unknown, answer: object): Promise<void>;
  /** The answer the same request got, if this is a repeat of it (see the rules above). */
  repeated(
    id: string,
    step: AnsweredStep,
    movedTo: ActivationStep,
    request: unknown,
    now: number,
  ): Promise<Record<string, unknown> | undefined>;
}

const binding = (id: string, step: AnsweredStep): string => `step-answer\n${id}\n${step}`;

export function createStepAnswers(secret: string, sealer: Sealer, db: Kysely<MitidDb>): StepAnswers {
  const key = deriveSubkey(secret, 'open-mitid app step answers v1');
  const digest = (id: string, step: AnsweredStep, request: unknown): string =>
    createHmac('sha256', key)
      .update(JSON.stringify([id, step, request]))
      .digest('base64url');
  const activations = new ActivationStore(db);
  return {
    async keep(trx, id, step, request, answer) {
      const sealedAnswer = sealer.seal(JSON.stringify(answer), binding(id, step));
      await new ActivationStore(trx).keepAnswer(id, step, digest(id, step, request), sealedAnswer, trx);
    },
    async repeated(id, step, movedTo, request, now) {
      const kept = await activations.keptAnswer(id, step, movedTo, now);
      if (!kept || !sameSecret(kept.request, digest(id, step, request))) return undefined;
      const plain = sealer.open(kept.sealedAnswer, binding(id, step));
      return plain === undefined ? undefined : (JSON.parse(plain) as Record<string, unknown>);
    },
  };
}
