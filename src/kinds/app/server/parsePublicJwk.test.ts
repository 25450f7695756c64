import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { parsePublicJwk } from './parsePublicJwk.ts';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pub = publicKey.export({ format: 'jwk' });

test('a P-256 public key is kept with only kty, crv, x and y', () => {
  assert.deepEqual(parsePublicJwk({ ...pub, ext: true, key_ops: ['verify'] }), {
    kty: 'EC',
    crv: 'P-256',
    x: pub.x,
    y: pub.y,
  });
});

test('a private key, another curve, a point off the curve, or no object are refused', () => {
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
  for (const bad of [
    privateKey.export({ format: 'jwk' }),
    p384,
    { ...pub, crv: 'P-384' },
    { ...pub, y: pub.x },
    { ...pub, x: `${pub.x}A` },
    { kty: 'EC', crv: 'P-256' },
    null,
    [pub],
    'jwk',
  ]) {
    assert.equal(parsePublicJwk(bad), undefined, JSON.stringify(bad));
  }
});
