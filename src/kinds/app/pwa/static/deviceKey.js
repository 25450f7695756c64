/**
 * The device key: ECDSA P-256 made here with `extractable: false`, so the private key can sign
 * but never be read, not even by this app. Only the public key (JWK) leaves the device.
 * WebCrypto signs in IEEE P1363 form (r‖s, 64 bytes), as the protocol expects.
 */
import { toB64url, utf8 } from './b64.js';

export async function newDeviceKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } };
}

/** base64url of the ECDSA-P256-SHA256 signature of `message` (a string). */
export async function signText(privateKey, message) {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, utf8(message));
  return toB64url(signature);
}
