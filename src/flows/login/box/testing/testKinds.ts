/**
 * Small Kind objects for the login box's tests (not shipped code): a code display, a code
 * reader, a password and a chip that keep the contract of decision 0014 §4 — the answers
 * (`{ code }`, `{ password }`, `{ response }`), the refusal codes (code_format, code_wrong with
 * `left`, code_slowed with `until`, password_wrong, password_locked with `until`, chip_wrong,
 * chip_expired), counting before comparing, each code once, and a decoy (an id with no secret)
 * refused as a wrong answer — with their secrets in memory, set by the test (the chip checks the
 * credential id and the challenge, of a test assertion or of a browser's clientDataJSON, and no
 * signature: the real kind verifies those). The real kinds
 * (kinds/code-device, kinds/password, kinds/chip) replace them in the root.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Authentication } from '../../../../core/authentications/index.ts';
import type {
  Authenticator,
  BoxStep,
  Kind,
  KindContext,
  KindName,
  StepOutcome,
} from '../../../../core/authenticators/index.ts';
import type { MitidDb } from '../../../../core/db/index.ts';
import type { Implementations } from '../methods.ts';

const CODE = /^\d{6}$/;
const SLOW_MS = 60_000;
const PASSWORD_LOCK_MS = 15 * 60_000;

interface Counter {
  failures: number;
  until: number | null;
}

export interface TestKinds {
  implementations: Implementations;
  /** The code a device shows now (the test "presses the button"). */
  setCode(authenticatorId: string, code: string): void;
  setPassword(authenticatorId: string, password: string): void;
  /** The chip's credential id; a test assertion is `{ id, challenge }`. */
  setChip(authenticatorId: string, credentialId: string): void;
  /** Every complete() call: the kind and whether its authenticator was one the test made. */
  readonly calls: { kind: KindName; known: boolean }[];
}

const outcome = (
  ctx: KindContext,
  a: Authenticator,
  kind: KindName,
  factor: 'possession' | 'knowledge',
): StepOutcome => ({
  ok: true,
  proof: { authenticatorId: a.id, kind, factors: [factor], methods: [kind], at: ctx.now() },
});

export function testKinds(): TestKinds {
  const codes = new Map<string, string>();
  const used = new Map<string, Set<string>>();
  const passwords = new Map<string, string>();
  const chips = new Map<string, string>();
  const counters = new Map<string, Counter>();
  const calls: TestKinds['calls'] = [];
  const counter = (id: string): Counter => {
    const c = counters.get(id) ?? { failures: 0, until: null };
    counters.set(id, c);
    return c;
  };
  const base = {
    factors: ['possession'] as const,
    maxActivePerIdentity: 1,
    async begin(): Promise<BoxStep> {
      return { type: 'otp' };
    },
    async lockState(a: Authenticator, now: number) {
      const c = counters.get(a.id);
      return c?.until !== undefined && c.until !== null && c.until > now
        ? { locked: true as const, until: c.until }
        : { locked: false as const };
    },
  };

  const codeKind = (name: 'codeDisplay' | 'codeReader'): Kind<{ code: string }> => ({
    ...base,
    name,
    maxLevel: 'substantial',
    needs: ['password'],
    excludes: [name === 'codeDisplay' ? 'codeReader' : 'codeDisplay'],
    async complete(ctx, a, _auth: Authentication, answer) {
      calls.push({ kind: name, known: codes.has(a.id) });
      if (typeof answer?.code !== 'string' || !CODE.test(answer.code))
        return { ok: false, code: 'code_format' };
      const c = counter(a.id);
      if (c.until !== null && c.until > ctx.now())
        return { ok: false, code: 'code_slowed', details: { until: c.until } };
      // Counted before comparing.
      c.failures += 1;
      const seen = used.get(a.id) ?? new Set<string>();
      used.set(a.id, seen);
      if (codes.get(a.id) === answer.code && !seen.has(answer.code)) {
        seen.add(answer.code);
        c.failures = 0;
        return outcome(ctx, a, name, 'possession');
      }
      if (c.failures % 3 === 0) {
        c.until = ctx.now() + SLOW_MS;
        return { ok: false, code: 'code_slowed', details: { until: c.until } };
      }
      return { ok: false, code: 'code_wrong', details: { left: 3 - (c.failures % 3) } };
    },
  });

  const password: Kind<{ password: string }> = {
    ...base,
    name: 'password',
    factors: ['knowledge'],
    maxLevel: 'low',
    needs: [],
    excludes: [],
    async complete(ctx, a, _auth, answer) {
      calls.push({ kind: 'password', known: passwords.has(a.id) });
      const c = counter(a.id);
      if (c.failures >= 10) return { ok: false, code: 'password_locked', details: { until: null } };
      if (c.until !== null && c.until > ctx.now())
        return { ok: false, code: 'password_locked', details: { until: c.until } };
      c.failures += 1;
      if (typeof answer?.password === 'string' && passwords.get(a.id) === answer.password) {
        c.failures = 0;
        return outcome(ctx, a, 'password', 'knowledge');
      }
      if (c.failures >= 10) return { ok: false, code: 'password_locked', details: { until: null } };
      if (c.failures % 3 === 0) {
        c.until = ctx.now() + PASSWORD_LOCK_MS;
        return { ok: false, code: 'password_locked', details: { until: c.until } };
      }
      return { ok: false, code: 'password_wrong' };
    },
  };

  /** A test assertion's challenge, or a browser's (in its clientDataJSON; the signature unchecked). */
  const challengeOf = (r: { challenge?: unknown; response?: unknown }): unknown => {
    if (r.challenge !== undefined) return r.challenge;
    const data = (r.response as { clientDataJSON?: unknown } | undefined)?.clientDataJSON;
    if (typeof data !== 'string') return undefined;
    try {
      return (JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { challenge?: unknown })
        .challenge;
    } catch {
      return undefined;
    }
  };

  const chip: Kind<{ response: { id?: unknown; challenge?: unknown; response?: unknown } }> = {
    ...base,
    name: 'chip',
    maxLevel: 'high',
    needs: ['password'],
    excludes: [],
    async begin() {
      return {
        type: 'webauthn',
        options: {
          challenge: randomBytes(32).toString('base64url'),
          allowCredentials: [],
          userVerification: 'required',
          timeout: 120_000,
        },
      };
    },
    async complete(ctx, a, auth, answer) {
      calls.push({ kind: 'chip', known: chips.has(a.id) });
      const r = answer?.response;
      if (!r || auth.step?.authenticatorId !== a.id) return { ok: false, code: 'chip_expired' };
      if (chips.get(a.id) === r.id && challengeOf(r) === auth.step.state)
        return outcome(ctx, a, 'chip', 'possession');
      return { ok: false, code: 'chip_wrong' };
    },
  };

  return {
    implementations: {
      codeDisplay: codeKind('codeDisplay') as Kind<never>,
      codeReader: codeKind('codeReader') as Kind<never>,
      password: password as Kind<never>,
      chip: chip as Kind<never>,
    },
    setCode: (id, code) => codes.set(id, code),
    setPassword: (id, pw) => passwords.set(id, pw),
    setChip: (id, credentialId) => chips.set(id, credentialId),
    calls,
  };
}

/** An active authenticator row of the kind for the identity (what an activation leaves). */
export async function giveAuthenticator(
  db: Kysely<MitidDb>,
  identityId: string,
  kind: KindName,
  now: number,
): Promise<string> {
  const id = `test-${kind}-${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('authenticators')
    .values({
      id,
      identity_id: identityId,
      kind,
      status: 'active',
      label: kind,
      factors: JSON.stringify(kind === 'password' ? ['knowledge'] : ['possession']),
      max_level: kind === 'chip' ? 'high' : kind === 'password' ? 'low' : 'substantial',
      blocked_reason: null,
      blocked_by: null,
      created_at: now,
      activated_at: now,
      blocked_at: null,
      revoked_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}
