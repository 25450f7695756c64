/**
 * The MitID password as an authenticator kind (decision 0014 §2). Rules of `complete`:
 * - the attempt is counted before the comparison, in one conditional UPDATE that also sets the
 *   lock the count earns (3rd, 6th, 9th wrong in a row: 15 minutes; 10th: for good, failures
 *   stays ≥ 10 and blocked_until null), so parallel tries never get more comparisons than the
 *   limit allows, and a right password clears the count and the lock afterwards;
 * - a locked password is refused without a comparison (`password_locked`, until or null);
 * - a decoy (an authenticator id with no row: the box's stand-in for nobody) spends one
 *   verification against a fixed hash and is refused as a wrong password, with the same statements;
 * - an authenticator that is not active, or not the authentication's person, is refused as wrong.
 * It never changes authenticators.status (10 wrong is the kind's own lock; issue 12 reopens it).
 * The password is never logged or stored but as its Argon2id hash.
 */
import { type Kysely, sql } from 'kysely';
import type {
  ActivationRules,
  Authenticator,
  Kind,
  KindDescriptor,
  Lock,
  Proof,
  StepOutcome,
} from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { verifyDecoy, verifyPassword } from './passwordHash.ts';

/** Wrong passwords per round before the 15-minute lock, and in a row before the lock for good. */
export const PASSWORD_ROUND = 3;
export const PASSWORD_LOCK_MS = 15 * 60_000;
export const PASSWORD_MAX_IN_A_ROW = 10;
/** Longer than any password the rules allow, with room for odd normalisations; longer is wrong. */
const MAX_ANSWER_LENGTH = 1024;

export const passwordActivationRules: ActivationRules = {
  factors: ['knowledge'],
  maxLevel: 'low',
  maxActivePerIdentity: 1,
  excludes: [],
};

/** The password's entry in the kind registry: no enrollment offer (made with a device or chip). */
export const passwordDescriptor: KindDescriptor = {
  name: 'password',
  ...passwordActivationRules,
  needs: [],
};

export interface PasswordAnswer {
  password: string;
}

export function passwordProof(authenticatorId: string, at: number): Proof {
  return { authenticatorId, kind: 'password', factors: ['knowledge'], methods: ['password'], at };
}

const lockOf = (row: { failures: number; blocked_until: number | null }, now: number): Lock =>
  Number(row.failures) >= PASSWORD_MAX_IN_A_ROW
    ? { locked: true, until: null }
    : row.blocked_until !== null && Number(row.blocked_until) > now
      ? { locked: true, until: Number(row.blocked_until) }
      : { locked: false };

/** The password kind; `db` is where lockState reads (complete uses the context's). */
export function createPasswordKind(db: Kysely<MitidDb>): Kind<PasswordAnswer> {
  return {
    ...passwordDescriptor,
    async begin() {
      return { type: 'password' };
    },
    async complete(ctx, a, auth, answer): Promise<StepOutcome> {
      const now = ctx.now();
      const typed = typeof answer?.password === 'string' ? answer.password : '';
      const usable = a.status === 'active' && (auth.identityId === null || auth.identityId === a.identityId);
      const until = now + PASSWORD_LOCK_MS;
      // Counted (and the lock it earns set) before the comparison.
      const counted = await ctx.db
        .updateTable('passwords')
        .set((eb) => ({
          failures: eb('failures', '+', 1),
          blocked_until: sql<number | null>`case when failures + 1 >= ${PASSWORD_MAX_IN_A_ROW} then null
            when (failures + 1) % ${PASSWORD_ROUND} = 0 then cast(${until} as bigint) else null end`,
        }))
        .where('authenticator_id', '=', a.id)
        .where('failures', '<', PASSWORD_MAX_IN_A_ROW)
        .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
        .returning(['hash', 'failures'])
        .executeTakeFirst();
      if (!counted) {
        const row = await ctx.db
          .selectFrom('passwords')
          .select(['failures', 'blocked_until'])
          .where('authenticator_id', '=', a.id)
          .executeTakeFirst();
        if (row) {
          const lock = lockOf(row, now);
          if (lock.locked) return { ok: false, code: 'password_locked', details: { until: lock.until } };
        }
        // A decoy (no row), or a row changed between the two statements: as a first wrong try.
        await verifyDecoy(typed);
        return { ok: false, code: 'password_wrong', details: { left: PASSWORD_ROUND - 1 } };
      }
      const right =
        usable && typed.length <= MAX_ANSWER_LENGTH
          ? await verifyPassword(counted.hash, typed)
          : await verifyDecoy(typed.slice(0, MAX_ANSWER_LENGTH));
      const failures = Number(counted.failures);
      if (right) {
        await ctx.db
          .updateTable('passwords')
          .set({ failures: 0, blocked_until: null })
          .where('authenticator_id', '=', a.id)
          .execute();
        return { ok: true, proof: passwordProof(a.id, now) };
      }
      if (failures >= PASSWORD_MAX_IN_A_ROW)
        return { ok: false, code: 'password_locked', details: { until: null } };
      if (failures % PASSWORD_ROUND === 0) return { ok: false, code: 'password_locked', details: { until } };
      return {
        ok: false,
        code: 'password_wrong',
        details: { left: PASSWORD_ROUND - (failures % PASSWORD_ROUND) },
      };
    },
    async lockState(a: Authenticator, now: number): Promise<Lock> {
      const row = await db
        .selectFrom('passwords')
        .select(['failures', 'blocked_until'])
        .where('authenticator_id', '=', a.id)
        .executeTakeFirst();
      return row ? lockOf(row, now) : { locked: false };
    },
  };
}
