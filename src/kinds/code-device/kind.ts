/**
 * The two code kinds (decision 0010 §3.1, 0014 §3, §4): one behaviour, two descriptors. `begin`
 * asks for the code (the box's otp step); `complete` checks `{ code }` (checkLoginCode.ts) and
 * proves possession; `lockState` is the device's slow-down as the person is shown it.
 * Refusals: code_format (not 6 digits: not counted), code_wrong (details.left), code_slowed
 * (details.until). A device that is not active, or not the authentication's person's, is treated
 * as a decoy: the same statements, a wrong code.
 */
import type { Kysely } from 'kysely';
import type { Authenticator, Kind, Lock, StepOutcome } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
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
      const usable = a.status === 'active' && a.kind === kind && auth.identityId === a.identityId;
      const now = ctx.now();
      const result = await checkLoginCode(ctx.db, sealer, {
        // Not usable: an id no device has (authenticator ids have no prefix), so the statements
        // run and count nothing.
        authenticatorId: usable ? a.id : `unusable:${a.id}`,
        code,
        browserHash: auth.browserHash,
        now,
      });
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
