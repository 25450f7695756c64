/**
 * The biometrics half of a decision: a WebAuthn assertion from the device's platform
 * authenticator. Rules:
 * - only for a device whose app holds one user and has a credential (biometrics_not_allowed);
 * - not while the PIN is blocked: biometrics stand in for the PIN, they do not get round its block;
 * - the assertion's challenge is the transaction's, the origin and RP id are MitID's, the user
 *   was verified, and the signature counter moved up (when the authenticator counts; a
 *   credential whose counter goes back is refused, simplewebauthn's rule); the new counter is
 *   stored compare-and-set.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { refuse } from './appErrors.ts';
import type { AppServerContext } from './appServerContext.ts';
import type { Device } from './DeviceStore.ts';
import { pinGate } from './pinLimits.ts';
import { BIOMETRICS } from './pinProof.ts';
import { blockedDetails } from './pinStatus.ts';

export async function proofByBiometrics(
  ctx: AppServerContext,
  challenge: string,
  device: Device,
  response: unknown,
): Promise<string> {
  const credential = device.biometrics;
  if (!credential || device.usersInApp > 1) throw refuse('biometrics_not_allowed');
  const gate = pinGate(device.pin, ctx.now());
  if (!gate.open) throw refuse('pin_blocked', blockedDetails(gate));
  if (typeof response !== 'object' || response === null) throw refuse('invalid_request');
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ctx.rp.origin,
      expectedRPID: ctx.rp.id,
      credential: {
        id: credential.credentialId,
        publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
        counter: credential.counter,
      },
      requireUserVerification: true,
    });
  } catch {
    throw refuse('invalid_approval');
  }
  if (!result.verified || !result.authenticationInfo.userVerified) throw refuse('invalid_approval');
  const moved = await ctx.devices.advanceCounter(
    device.id,
    credential.credentialId,
    credential.counter,
    result.authenticationInfo.newCounter,
  );
  if (!moved) throw refuse('invalid_approval');
  return BIOMETRICS;
}
