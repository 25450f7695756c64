/**
 * What the self-service needs of the kinds, as ports (decision 0011: a flow
 * never imports a kind). roots/mitid implements each one with the module that owns it:
 * - PasswordPort: kinds/password (wp-password's passwordProblems, createPassword, changePassword);
 * - ChipRegistration: kinds/chip (wp-chip's registrationOptions and its finish);
 * A port the root does not pass in switches its pages off (the profile shows no link to them,
 * their routes answer "not available"): the self-service never pretends to a change it cannot make.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';

export interface PasswordPort {
  /**
   * The rules' refusals of `password` for `userId`, as message ids (`password.rule.<name>`);
   * empty: the password may be chosen. Pure: the same answer as the browser's live check.
   */
  problems(password: string, userId: string): readonly string[];
  /**
   * The person's new MitID password (an authenticator of kind password), in `trx`; false:
   * refused (the rules, or the person may not have another), nothing written.
   */
  create(
    trx: Kysely<MitidDb>,
    input: { identityId: string; userId: string; password: string },
  ): Promise<boolean>;
  /** Replaces the person's active password's hash, in `trx`; false: they have none. */
  change(
    trx: Kysely<MitidDb>,
    input: { identityId: string; userId: string; password: string },
  ): Promise<boolean>;
}

/** The refusals of a chip registration (`ChipRegistration.finish`). */
export type ChipRefusal = 'chip_failed' | 'chip_expired' | 'chip_already';

export interface ChipRegistration {
  /**
   * The WebAuthn creation options (JSON, as @simplewebauthn/browser takes them:
   * authenticatorAttachment cross-platform, residentKey and userVerification required,
   * attestation none); the ceremony is kept by the kind (chip_registrations) under
   * `registrationId`, which the browser sends back with its response.
   */
  options(input: {
    identityId: string;
    userId: string;
    displayName: string;
  }): Promise<{ registrationId: string; options: Record<string, unknown> }>;
  /**
   * Verifies the browser's response to the person's ceremony `registrationId` (used once) and
   * makes the chip authenticator, in `trx`.
   */
  finish(
    trx: Kysely<MitidDb>,
    input: { registrationId: string; identityId: string; response: unknown },
  ): Promise<{ ok: true; authenticatorId: string } | { ok: false; reason: ChipRefusal }>;
}

export interface SelfservicePorts {
  password?: PasswordPort;
  chip?: ChipRegistration;
}
