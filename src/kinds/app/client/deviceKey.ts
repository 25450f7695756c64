/**
 * The device key: ECDSA P-256, made on this machine. Only the public key (a JWK) leaves it; the
 * private key is kept as PKCS#8 PEM in a file only its owner may read (AppStateStore). Signatures
 * are IEEE P1363 (r‖s, 64 bytes), as WebCrypto makes them, so the server checks the PWA's and
 * this client's the same way.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { base64url } from './base64url.ts';

export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface DeviceKey {
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export function generateDeviceKey(): DeviceKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicJwk: publicJwkOf(privateKey) };
}

export function exportDeviceKey(key: DeviceKey): string {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Reads a PKCS#8 PEM; throws when it is not a P-256 private key. */
export function importDeviceKey(pem: string): DeviceKey {
  const privateKey = createPrivateKey({ key: pem, format: 'pem' });
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('not an ECDSA P-256 private key');
  }
  return { privateKey, publicJwk: publicJwkOf(privateKey) };
}

/** base64url(ECDSA-P256-SHA256(message)) in IEEE P1363 form; strings are signed as UTF-8. */
export function signP1363(key: DeviceKey, message: string): string {
  return base64url(
    sign('sha256', Buffer.from(message, 'utf8'), { key: key.privateKey, dsaEncoding: 'ieee-p1363' }),
  );
}

function publicJwkOf(privateKey: KeyObject): PublicJwk {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 key');
  // Only the public members, listed on purpose (style rule 10).
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
