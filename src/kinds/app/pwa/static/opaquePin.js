/**
 * The PIN as the OPAQUE password (RFC 9807): the server learns neither the PIN nor anything to
 * guess it from offline; only OPAQUE's messages leave the device. The WebAssembly is loaded on
 * first use (the shell's CSP allows 'wasm-unsafe-eval' for it).
 */
import { fromB64url, sha256, toB64url } from './b64.js';

let loaded;
async function opaque() {
  if (!loaded) {
    loaded = import('/app/vendor/opaque.js').then(async (mod) => {
      await mod.ready;
      return mod.client;
    });
  }
  return loaded;
}

export async function startRegistration(pin) {
  return (await opaque()).startRegistration({ password: pin });
}

/** The registration record to store on the server. */
export async function finishRegistration(pin, clientRegistrationState, registrationResponse) {
  const result = (await opaque()).finishRegistration({
    password: pin,
    clientRegistrationState,
    registrationResponse,
  });
  return result.registrationRecord;
}

export async function startLogin(pin) {
  return (await opaque()).startLogin({ password: pin });
}

/**
 * `{ finishLoginRequest, pinProof }`, or undefined when the PIN is wrong (the client notices: the
 * server's envelope does not open). pinProof = base64url(SHA-256(session key)).
 */
export async function finishLogin(pin, clientLoginState, loginResponse) {
  const result = (await opaque()).finishLogin({ password: pin, clientLoginState, loginResponse });
  if (!result) return undefined;
  return {
    finishLoginRequest: result.finishLoginRequest,
    pinProof: toB64url(await sha256(fromB64url(result.sessionKey))),
  };
}
