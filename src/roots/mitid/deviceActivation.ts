/**
 * The enrollment's DeviceActivation port (flows/enrollment, decision 0014 §5), made of the code
 * devices, the password and the core. Rules:
 * - the password's rules first (nothing counted for a refused password);
 * - then the code devices' verifyForActivation, which counts and checks the code and commits on
 *   its own (a rolled-back activation keeps its count): an unknown serial, another person's and
 *   an activated one all answer serial_wrong;
 * - then one transaction: Authenticators.activate (the device, label = its serial), the code
 *   devices' bind (stock reserved → activated, code_devices with the step just used), and
 *   createPassword (Authenticators.activate kind password + its row). A refusal on the way
 *   rolls all of it back; the authenticator.activated hook ends the enrollment and makes the
 *   identity active inside it.
 * `CodeDeviceActivation` is what this needs of kinds/code-device's CodeDevices (structurally).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Authenticators } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type {
  DeviceActivation,
  DeviceActivationRefusal,
  DeviceActivationResult,
} from '../../flows/enrollment/index.ts';
import { createPassword, passwordProblems } from '../../kinds/password/index.ts';

export type CodeActivationRefusal =
  | { ok: false; code: 'serialFormat' | 'serialNotYours' | 'codeFormat' | 'alreadyActivated' }
  | { ok: false; code: 'codeWrong'; left: number }
  | { ok: false; code: 'slowed'; until: number };

export interface CodeDeviceActivation {
  verifyForActivation(input: {
    cpr: string;
    kind: 'codeDisplay' | 'codeReader';
    serial: string;
    code: string;
  }): Promise<{ ok: true; serial: string; step: number; driftSteps: number } | CodeActivationRefusal>;
  bind(
    trx: Kysely<MitidDb>,
    input: { identityId: string; serial: string; step: number; authenticatorId: string; driftSteps?: number },
  ): Promise<{ ok: true } | { ok: false; code: 'serialNotYours' | 'alreadyActivated' }>;
}

export interface DeviceActivationDeps {
  db: Kysely<MitidDb>;
  authenticators: Authenticators;
  codeDevices: CodeDeviceActivation;
  now(): number;
}

/** Thrown inside the transaction to roll it back; caught right outside it. */
class Refused extends Error {
  readonly reason: DeviceActivationRefusal;
  constructor(reason: DeviceActivationRefusal) {
    super(reason);
    this.reason = reason;
  }
}

const codeRefusal = (r: CodeActivationRefusal): DeviceActivationResult => {
  switch (r.code) {
    case 'codeFormat':
      return { ok: false, reason: 'code_format' };
    case 'codeWrong':
      return { ok: false, reason: 'code_wrong' };
    case 'slowed':
      return { ok: false, reason: 'code_slowed', until: r.until };
    default:
      return { ok: false, reason: 'serial_wrong' };
  }
};

export function createDeviceActivation(d: DeviceActivationDeps): DeviceActivation {
  return {
    passwordProblems,
    async activate(input): Promise<DeviceActivationResult> {
      const problems = passwordProblems(input.password, input.userId);
      if (problems.length > 0) return { ok: false, reason: 'password_rules', problems };
      const verified = await d.codeDevices.verifyForActivation({
        cpr: input.cpr,
        kind: input.kind,
        serial: input.serial,
        code: input.code,
      });
      if (!verified.ok) return codeRefusal(verified);
      const deviceId = randomUUID();
      try {
        await d.db.transaction().execute(async (trx) => {
          const device = await d.authenticators.activate(trx, {
            id: deviceId,
            identityId: input.identityId,
            kind: input.kind,
            label: verified.serial,
          });
          if (!device.ok) throw new Refused('not_activatable');
          const bound = await d.codeDevices.bind(trx, {
            identityId: input.identityId,
            serial: verified.serial,
            step: verified.step,
            authenticatorId: deviceId,
            driftSteps: verified.driftSteps,
          });
          if (!bound.ok) throw new Refused('serial_wrong');
          const password = await createPassword(trx, d.authenticators, {
            identityId: input.identityId,
            userId: input.userId,
            password: input.password,
            now: d.now(),
          });
          if (!password.ok)
            throw new Refused(password.code === 'password_rules' ? 'password_rules' : 'not_activatable');
        });
      } catch (err) {
        if (err instanceof Refused) return { ok: false, reason: err.reason };
        throw err;
      }
      return { ok: true };
    },
  };
}
