/**
 * The PIN half of a decision: finishes the OPAQUE login started at the PIN step. Rules:
 * - the login state is taken once, and only by the device that started it (a replayed decision
 *   finds none: invalid_approval);
 * - a finish that fails is a wrong PIN; it was counted at the start, so the answer only reports:
 *   wrong_pin with the tries left, or pin_blocked when this attempt ended the round;
 * - a right PIN resets the count; the proof is base64url(SHA-256(session key)).
 */
import * as opaque from '@serenity-kit/opaque';
import { refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';
import type { Device } from './DeviceStore.ts';
import { attemptsLeftAfter, pinGate } from './pinLimits.ts';
import { pinProof } from './pinProof.ts';
import { blockedDetails } from './pinStatus.ts';
import { loginStateBinding } from './sealed.ts';

export async function proofByPin(
  ctx: AppServerContext,
  transactionId: string,
  device: Device,
  finishLoginRequest: string,
): Promise<string> {
  const sealed = await ctx.transactions.takePin(transactionId, device.id);
  const serverLoginState = sealed && ctx.sealer.open(sealed, loginStateBinding(transactionId, device.id));
  if (!serverLoginState) throw refuse('invalid_approval');
  let sessionKey: string;
  try {
    ({ sessionKey } = opaque.server.finishLogin({ serverLoginState, finishLoginRequest }));
  } catch {
    const now = ctx.now();
    const pin = (await ctx.devices.get(device.id))?.pin ?? device.pin;
    const gate = pinGate(pin, now);
    if (!gate.open) throw refuse('pin_blocked', blockedDetails(gate));
    throw refuse('wrong_pin', { attemptsLeft: attemptsLeftAfter(pin.failures) });
  }
  await ctx.devices.pinSucceeded(device.id, ctx.now());
  return pinProof(sessionKey);
}
