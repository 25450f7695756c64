/**
 * The port the activation step of a code device needs (decision 0014 §5): the root implements it
 * (roots/mitid/deviceActivation.ts) with the code devices, the password and the core, so this
 * flow knows no kind. `activate` makes the device and the password the person's in one
 * transaction, or nothing; the authenticator.activated hook then ends the enrollment.
 * `passwordProblems` is the password kind's pure rule check, so the page names every broken rule
 * with the other fields' errors before anything is tried.
 */
import type { MessageId } from '../../i18n/catalogue.ts';

export type CodeDeviceKindName = 'codeDisplay' | 'codeReader';

export interface DeviceActivationInput {
  identityId: string;
  cpr: string;
  userId: string;
  kind: CodeDeviceKindName;
  serial: string;
  code: string;
  password: string;
  orderId: string;
}

/**
 * Why an activation was refused: the password's rules (problems: their message ids), a serial
 * that is not the person's device (unknown, another's, already activated: one answer), the code
 * (not 6 digits; wrong; or the device slowed until `until`), or the identity cannot take the
 * device (blocked, or it has one already).
 */
export type DeviceActivationRefusal =
  | 'password_rules'
  | 'serial_wrong'
  | 'code_format'
  | 'code_wrong'
  | 'code_slowed'
  | 'not_activatable';

export type DeviceActivationResult =
  | { ok: true }
  | { ok: false; reason: DeviceActivationRefusal; until?: number; problems?: MessageId[] };

export interface DeviceActivation {
  activate(input: DeviceActivationInput): Promise<DeviceActivationResult>;
  passwordProblems(password: string, userId: string): MessageId[];
}
