/**
 * Single-use codes kept in the database (the policies are in codePolicies.ts). Rules enforced:
 *
 * - Only an HMAC-SHA-256 of the code is stored, keyed with a server secret and bound to flow,
 *   purpose, subject and a per-send nonce. A salt would add nothing: a 6-digit code is found in
 *   10^6 hashes whatever the salt, since the salt sits beside it. A key kept outside the database
 *   is what makes a copy of the table useless; the binding makes a hash useless in another row.
 * - An attempt is counted *before* the code is compared (UPDATE … WHERE attempts < max_attempts),
 *   so a burst of parallel guesses gets no more than maxAttempts comparisons in all.
 * - The code is consumed with UPDATE … WHERE used_at IS NULL AND nonce = <the one compared>:
 *   of two concurrent right answers exactly one succeeds, and a code replaced by a resend while
 *   being checked is not consumed.
 * - Expiry by the injected clock: valid while now < expires_at, to the millisecond.
 * - A send replaces the previous code (new nonce, fresh attempts) up to maxSends per flow and
 *   purpose (per sendWindowMs when the policy has one), in one upsert, so two resends at once
 *   cannot pass the limit.
 * - verifyLive checks the live code of the first flow, else a decoy (plantDecoy) that no typed
 *   code matches, with the same statements, so the caller's answer and timing do not tell whether
 *   a live code exists.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { deriveSubkey } from '../../platform/keys/deriveSubkey.ts';
import type { Random } from '../../platform/random.ts';
import type { MitidDb } from '../db/index.ts';
import type { CodePolicy } from './codePolicies.ts';

export type IssueResult =
  | { ok: true; code: string; expiresAt: number; sendsLeft: number }
  | { ok: false; reason: 'sendLimit' };

export type VerifyResult =
  | { ok: true; subject: string }
  | { ok: false; reason: 'wrong'; attemptsLeft: number }
  | { ok: false; reason: 'malformed' | 'notFound' | 'used' | 'expired' | 'blocked' };

export interface CodeStatus {
  subject: string;
  expiresAt: number;
  attemptsLeft: number;
  sendsLeft: number;
  used: boolean;
}

/** The code as typed without spaces and hyphens, or undefined when it is not `digits` digits. */
export function typedCode(input: string, policy: CodePolicy): string | undefined {
  const typed = input.replace(/[\s-]/g, '');
  return typed.length === policy.digits && /^[0-9]+$/.test(typed) ? typed : undefined;
}

/** A 32-byte key for code HMACs derived from a service secret (HKDF, own label). */
export function deriveCodeKey(secret: string): Buffer {
  return deriveSubkey(secret, 'open-mitid one-time codes v1');
}

export interface OneTimeCodesDeps {
  db: Kysely<MitidDb>;
  clock: Clock;
  random: Random;
  /** Secret HMAC key, e.g. deriveCodeKey(serverSecretOf(secrets)). Never stored in the database. */
  key: Buffer;
}

export class OneTimeCodes {
  readonly #d: OneTimeCodesDeps;
  constructor(deps: OneTimeCodesDeps) {
    this.#d = deps;
  }

  #hash(flowId: string, purpose: string, subject: string, nonce: string, code: string): string {
    const input = JSON.stringify([flowId, purpose, subject, nonce, code]);
    return createHmac('sha256', this.#d.key).update(input).digest('base64url');
  }

  /** Makes a new code for `subject`, replacing any earlier one of this flow and purpose. */
  async issue(flowId: string, policy: CodePolicy, subject: string): Promise<IssueResult> {
    const now = this.#d.clock.now().getTime();
    const code = this.#d.random.digits(policy.digits);
    const nonce = this.#d.random.token(16);
    const fresh = {
      subject,
      nonce,
      code_hash: this.#hash(flowId, policy.purpose, subject, nonce, code),
      attempts: 0,
      max_attempts: policy.maxAttempts,
      sent_at: now,
      expires_at: now + policy.ttlMs,
      used_at: null,
    };
    // Without a window the count lasts for the row's life: a window that never ends.
    const windowOver = policy.sendWindowMs === undefined ? -1 : now - policy.sendWindowMs;
    const row = await this.#d.db
      .insertInto('one_time_codes')
      .values({ flow_id: flowId, purpose: policy.purpose, sends: 1, window_started_at: now, ...fresh })
      .onConflict((oc) =>
        oc
          .columns(['flow_id', 'purpose'])
          .doUpdateSet((eb) => {
            const newWindow = eb('one_time_codes.window_started_at', '<=', windowOver);
            return {
              ...fresh,
              sends: eb
                .case()
                .when(newWindow)
                .then(1)
                .else(eb('one_time_codes.sends', '+', 1))
                .end(),
              window_started_at: eb
                .case()
                .when(newWindow)
                .then(now)
                .else(eb.ref('one_time_codes.window_started_at'))
                .end(),
            };
          })
          .where((eb) =>
            eb.or([
              eb('one_time_codes.sends', '<', policy.maxSends),
              eb('one_time_codes.window_started_at', '<=', windowOver),
            ]),
          ),
      )
      .returning('sends')
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'sendLimit' };
    return { ok: true, code, expiresAt: fresh.expires_at, sendsLeft: policy.maxSends - row.sends };
  }

  /** Checks a typed code; on success the code is used up and the subject it proves is returned. */
  async verify(flowId: string, policy: CodePolicy, input: string): Promise<VerifyResult> {
    const typed = typedCode(input, policy);
    if (typed === undefined) return { ok: false, reason: 'malformed' };
    const now = this.#d.clock.now().getTime();
    const mine = this.#d.db
      .updateTable('one_time_codes')
      .where('flow_id', '=', flowId)
      .where('purpose', '=', policy.purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now);
    const row = await mine
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .whereRef('attempts', '<', 'max_attempts')
      .returning(['subject', 'nonce', 'code_hash', 'attempts', 'max_attempts'])
      .executeTakeFirst();
    if (!row) return this.#whyNot(flowId, policy);
    const expected = Buffer.from(row.code_hash, 'base64url');
    const actual = Buffer.from(
      this.#hash(flowId, policy.purpose, row.subject, row.nonce, typed),
      'base64url',
    );
    if (!timingSafeEqual(expected, actual)) {
      const attemptsLeft = row.max_attempts - row.attempts;
      return attemptsLeft > 0
        ? { ok: false, reason: 'wrong', attemptsLeft }
        : { ok: false, reason: 'blocked' };
    }
    const used = await mine.set({ used_at: now }).where('nonce', '=', row.nonce).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return this.#whyNot(flowId, policy);
    return { ok: true, subject: row.subject };
  }

  /**
   * A row in `decoyFlow` that takes attempts like a code but that no typed code matches (its hash
   * is random, not an HMAC of any code), live until `expiresAt`: verifyLive's stand-in.
   */
  async plantDecoy(decoyFlow: string, policy: CodePolicy, expiresAt: number): Promise<void> {
    const now = this.#d.clock.now().getTime();
    await this.#d.db
      .insertInto('one_time_codes')
      .values({
        flow_id: decoyFlow,
        purpose: policy.purpose,
        subject: '',
        nonce: this.#d.random.token(16),
        code_hash: randomBytes(32).toString('base64url'),
        attempts: 0,
        max_attempts: policy.maxAttempts,
        sends: 1,
        window_started_at: now,
        sent_at: now,
        expires_at: expiresAt,
        used_at: null,
      })
      .execute();
  }

  /**
   * As verify, for the live code of `flowId` if it has one (unused, unexpired, not blocked), else
   * for the decoy of `decoyFlow`: one counting UPDATE, one HMAC and one comparison either way.
   * `checked` says which row was counted (undefined when neither was live).
   */
  async verifyLive(
    flowId: string,
    decoyFlow: string,
    policy: CodePolicy,
    input: string,
  ): Promise<VerifyResult & { checked?: 'code' | 'decoy' }> {
    const typed = typedCode(input, policy);
    if (typed === undefined) return { ok: false, reason: 'malformed' };
    const now = this.#d.clock.now().getTime();
    const live = this.#d.db
      .selectFrom('one_time_codes as live')
      .select('live.flow_id')
      .where('live.flow_id', '=', flowId)
      .where('live.purpose', '=', policy.purpose)
      .where('live.used_at', 'is', null)
      .where('live.expires_at', '>', now)
      .whereRef('live.attempts', '<', 'live.max_attempts');
    const row = await this.#d.db
      .updateTable('one_time_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('purpose', '=', policy.purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .whereRef('attempts', '<', 'max_attempts')
      .where((eb) => eb('flow_id', '=', eb.case().when(eb.exists(live)).then(flowId).else(decoyFlow).end()))
      .returning(['flow_id', 'subject', 'nonce', 'code_hash', 'attempts', 'max_attempts'])
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'notFound' };
    // The decoy wins when both ids are the same (a flow with no identity passes its decoy twice).
    const checked = row.flow_id === decoyFlow ? 'decoy' : 'code';
    const expected = Buffer.from(row.code_hash, 'base64url');
    const actual = Buffer.from(
      this.#hash(row.flow_id, policy.purpose, row.subject, row.nonce, typed),
      'base64url',
    );
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual) || checked === 'decoy') {
      const attemptsLeft = row.max_attempts - row.attempts;
      return attemptsLeft > 0
        ? { ok: false, reason: 'wrong', attemptsLeft, checked }
        : { ok: false, reason: 'blocked', checked };
    }
    const used = await this.#d.db
      .updateTable('one_time_codes')
      .set({ used_at: now })
      .where('flow_id', '=', flowId)
      .where('purpose', '=', policy.purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('nonce', '=', row.nonce)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { ok: false, reason: 'expired', checked };
    return { ok: true, subject: row.subject, checked };
  }

  /** Why no attempt could be counted (or the code could not be consumed). */
  async #whyNot(flowId: string, policy: CodePolicy): Promise<VerifyResult> {
    const status = await this.status(flowId, policy);
    if (!status) return { ok: false, reason: 'notFound' };
    if (status.used) return { ok: false, reason: 'used' };
    if (status.attemptsLeft <= 0) return { ok: false, reason: 'blocked' };
    // Expired, or replaced by a resend while being checked: either way the person needs the new code.
    return { ok: false, reason: 'expired' };
  }

  /** What the page shows: where the code went, until when, how many tries and sends are left. */
  async status(flowId: string, policy: CodePolicy): Promise<CodeStatus | undefined> {
    const row = await this.#d.db
      .selectFrom('one_time_codes')
      .select(['subject', 'expires_at', 'attempts', 'max_attempts', 'sends', 'window_started_at', 'used_at'])
      .where('flow_id', '=', flowId)
      .where('purpose', '=', policy.purpose)
      .executeTakeFirst();
    if (!row) return undefined;
    const windowOver =
      policy.sendWindowMs !== undefined &&
      row.window_started_at <= this.#d.clock.now().getTime() - policy.sendWindowMs;
    return {
      subject: row.subject,
      expiresAt: row.expires_at,
      attemptsLeft: Math.max(0, row.max_attempts - row.attempts),
      sendsLeft: windowOver ? policy.maxSends : Math.max(0, policy.maxSends - row.sends),
      used: row.used_at !== null,
    };
  }

  /** Forgets the codes of a flow that has ended (finished, cancelled or expired). */
  async deleteFlow(flowId: string): Promise<void> {
    await this.#d.db.deleteFrom('one_time_codes').where('flow_id', '=', flowId).execute();
  }

  /**
   * Housekeeping: removes codes that expired before `before`. Pass a time older than the longest
   * flow lifetime: the row also holds the flow's send count, which must outlive a single code.
   */
  async purgeExpired(before: number): Promise<number> {
    const res = await this.#d.db
      .deleteFrom('one_time_codes')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
