/**
 * Biometrics: WebAuthn with the platform authenticator and user verification (Face ID, a
 * fingerprint; Chromium's virtual authenticator in tests). Only with one user in the app.
 */
import {
  platformAuthenticatorIsAvailable,
  startAuthentication,
  startRegistration,
} from '/app/vendor/simplewebauthn/index.js';
import { signedCall } from './api.js';

export async function biometricsAvailable() {
  try {
    return await platformAuthenticatorIsAvailable();
  } catch {
    return false;
  }
}

/** Registers a platform credential for `user`'s device. */
export async function turnOnBiometrics(user) {
  const optionsJSON = await signedCall(user, 'POST', `/devices/${user.deviceId}/biometrics/options`);
  const response = await startRegistration({ optionsJSON });
  await signedCall(user, 'POST', `/devices/${user.deviceId}/biometrics`, { response });
}

export async function turnOffBiometrics(user) {
  await signedCall(user, 'DELETE', `/devices/${user.deviceId}/biometrics`);
}

/** An assertion over the transaction's challenge, for the decision's `webauthn` field. */
export async function assertForTransaction(user, transactionId) {
  const optionsJSON = await signedCall(
    user,
    'POST',
    `/devices/${user.deviceId}/transactions/${transactionId}/biometrics`,
  );
  return startAuthentication({ optionsJSON });
}
