/**
 * The two code kinds (decision 0010 §3.1, 0014 §3, §4): one behaviour, two descriptors. `begin`
 * asks for the code (the box's otp step); `complete` checks `{ code }` (checkLoginCode.ts) and
 * proves possession; `lockState` is the device's slow-down as the person is shown it.
 * Refusals: code_format (not 6 digits: not counted), code_wrong (details.left), code_slowed
 * (details.until). The box's decoy (an id `decoy:…`, for a user-ID with no code device) and a
 * device that is not active or not the authentication's person's are counted as a decoy
 * (checkDecoyCode.ts): the same statements, and the same answers in the same order as a real
 * device's wrong codes, slowing included.
 */
import type { Kysely } from 'kysely';
import {
  type Authenticator,
  isDecoyAuthenticatorId,
  type Kind,
  type Lock,
  type StepOutcome,
} from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { checkDecoyCode } from './checkDecoyCode.ts';
import { checkLoginCode } from './checkLoginCode.ts';
import { codeDisplayDescriptor, codeReaderDescriptor } from './descriptors.ts';
import type { DeviceSecretSealer } from './secretSealer.ts';
import type { CodeDeviceKind } from './tables.ts';
import { isCodeFormat } from './totp.ts';

export interface CodeAnswer {
  code: string;
}

const descriptors = { codeDisplay: codeDisplayDescriptor, codeReader: codeReaderDescriptor };

export function createCodeDeviceKind(
  kind: CodeDeviceKind,
  deps: { db: Kysely<MitidDb>; sealer: DeviceSecretSealer },
): Kind<CodeAnswer> {
  const { sealer } = deps;
  return {
    ...descriptors[kind],
    async begin() {
      return { type: 'otp' };
    },
    async complete(ctx, a, auth, answer): Promise<StepOutcome> {
      const code = typeof answer?.code === 'string' ? answer.code.replace(/\s/g, '') : '';
      if (!isCodeFormat(code)) return { ok: false, code: 'code_format' };
      const decoy = isDecoyAuthenticatorId(a.id);
      const usable = !decoy && a.status === 'active' && a.kind === kind && auth.identityId === a.identityId;
      const now = ctx.now();
      const result = usable
        ? await checkLoginCode(ctx.db, sealer, {
            authenticatorId: a.id,
            code,
            browserHash: auth.browserHash,
            now,
          })
        : // Not usable: counted as a decoy of its own id (real ids have no prefix).
          await checkDecoyCode(ctx.db, { decoyId: decoy ? a.id : `unusable:${a.id}`, code, now });
      if (result.ok) {
        return {
          ok: true,
          proof: { authenticatorId: a.id, kind, factors: ['possession'], methods: [kind], at: now },
        };
      }
      return result.code === 'code_slowed'
        ? { ok: false, code: 'code_slowed', details: { until: result.until } }
        : { ok: false, code: 'code_wrong', details: { left: result.left } };
    },
    /** The lock of any browser but the trusted one: what a new login from elsewhere meets. */
    async lockState(a: Authenticator, now: number): Promise<Lock> {
      const row = await deps.db
        .selectFrom('code_devices')
        .select('blocked_until')
        .where('authenticator_id', '=', a.id)
        .executeTakeFirst();
      const until = row?.blocked_until == null ? null : Number(row.blocked_until);
      return until !== null && until > now ? { locked: true, until } : { locked: false };
    },
  };
}
