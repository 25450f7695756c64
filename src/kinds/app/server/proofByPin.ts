/**
 * The PIN half of a decision: finishes the OPAQUE login started at the PIN step. Rules:
 * - the login state is the one read with the transaction, and only the device that started it
 *   may finish it (else invalid_approval);
 * - it is used once: the decision that uses it clears it in its own compare-and-set UPDATE
 *   (Authentications.addProof / reject with the step state), and every refusal after this point clears it first
 *   (`drop`), so a replayed or second decision finds none;
 * - a finish that fails is a wrong PIN; it was counted at the start, so the answer only reports:
 *   wrong_pin with the tries left, or pin_blocked when this attempt ended the round;
 * - a right PIN resets the count; the proof is base64url(SHA-256(session key)).
 */
import * as opaque from '@serenity-kit/opaque';
import { loginStateBinding } from '../../../core/codes/index.ts';
import { refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';
import type { Device } from './DeviceStore.ts';
import { attemptsLeftAfter, pinGate } from './pinLimits.ts';
import { pinProof } from './pinProof.ts';
import { blockedDetails } from './pinStatus.ts';
/** The kind's step in flight on an authentication: the device that started it and its sealed state. */
export type PinLogin = { authenticatorId: string; state: string };

export interface PinCheck {
  proof: string;
  /** The sealed login state used: the decision must still find it in flight. */
  sealedState: string;
  /** Clears the login state (for a refusal after the PIN check). */
  drop(): Promise<void>;
}

export async function proofByPin(
  ctx: AppServerContext,
  transactionId: string,
  pinLogin: PinLogin | null,
  device: Device,
  finishLoginRequest: string,
): Promise<PinCheck> {
  if (pinLogin?.authenticatorId !== device.id) throw refuse('invalid_approval');
  const sealedState = pinLogin.state;
  const drop = async (): Promise<void> => {
    await ctx.authentications.dropStep(transactionId, device.id, sealedState);
  };
  const serverLoginState = ctx.sealer.open(sealedState, loginStateBinding(transactionId, device.id));
  if (!serverLoginState) {
    await drop();
    throw refuse('invalid_approval');
  }
  let sessionKey: string;
  try {
    ({ sessionKey } = opaque.server.finishLogin({ serverLoginState, finishLoginRequest }));
  } catch {
    // Only the finish that takes the login reports on it: a second one with it finds none.
    if (!(await ctx.authentications.dropStep(transactionId, device.id, sealedState)))
      throw refuse('invalid_approval');
    const now = ctx.now();
    const pin = (await ctx.devices.get(device.id))?.pin ?? device.pin;
    const gate = pinGate(pin, now);
    if (!gate.open) throw refuse('pin_blocked', blockedDetails(gate));
    throw refuse('wrong_pin', { attemptsLeft: attemptsLeftAfter(pin.failures) });
  }
  await ctx.devices.pinSucceeded(device.id);
  return { proof: pinProof(sessionKey), sealedState, drop };
}
