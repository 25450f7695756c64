import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { exportDeviceKey, generateDeviceKey, importDeviceKey, signP1363 } from './deviceKey.ts';

test('a signature is 64 bytes of r‖s that WebCrypto verifies with the public JWK alone', async () => {
  const key = generateDeviceKey();
  assert.deepEqual(Object.keys(key.publicJwk).sort(), ['crv', 'kty', 'x', 'y'], 'no private member leaves');
  const signature = Buffer.from(signP1363(key, 'mitid-app-v1\nGET\n/x\n1\nabc'), 'base64url');
  assert.equal(signature.length, 64);
  const publicKey = await webcrypto.subtle.importKey(
    'jwk',
    key.publicJwk,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const verify = (message: string) =>
    webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      publicKey,
      signature,
      new TextEncoder().encode(message),
    );
  assert.equal(await verify('mitid-app-v1\nGET\n/x\n1\nabc'), true);
  assert.equal(await verify('mitid-app-v1\nGET\n/x\n2\nabc'), false);
});

test('the PKCS#8 PEM round-trips to the same key', () => {
  const key = generateDeviceKey();
  const pem = exportDeviceKey(key);
  assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.deepEqual(importDeviceKey(pem).publicJwk, key.publicJwk);
});

test('a key that is not P-256 is refused', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const other = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
  assert.throws(() => importDeviceKey(other.export({ type: 'pkcs8', format: 'pem' }).toString()), /P-256/);
});
