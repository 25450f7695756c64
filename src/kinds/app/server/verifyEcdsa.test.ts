import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { test } from 'node:test';
import type { PublicJwk } from './parsePublicJwk.ts';
import { KeyCache, verifyEcdsa } from './verifyEcdsa.ts';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const pub: PublicJwk = { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
  const signs = (m: string): string =>
    sign('sha256', Buffer.from(m, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    );
  return { pub, signs };
}

test('a signature verifies with its key again and again, and never with another key', () => {
  const a = keyPair();
  const b = keyPair();
  const sigA = a.signs('hello');
  for (let i = 0; i < 3; i++) {
    assert.equal(verifyEcdsa(a.pub, 'hello', sigA), true);
    assert.equal(verifyEcdsa(b.pub, 'hello', sigA), false); // b's key is imported and kept too
    assert.equal(verifyEcdsa(a.pub, 'hello!', sigA), false);
  }
  assert.equal(verifyEcdsa(b.pub, 'hello', b.signs('hello')), true);
});

test('bad signatures and keys off the curve are false, not a throw', () => {
  const a = keyPair();
  assert.equal(verifyEcdsa(a.pub, 'hello', 'short'), false);
  assert.equal(verifyEcdsa({ ...a.pub, y: a.pub.x }, 'hello', a.signs('hello')), false);
});

test('the key cache keeps at most its size, dropping the least recently used', () => {
  const cache = new KeyCache(2);
  const [a, b, c] = [keyPair().pub, keyPair().pub, keyPair().pub];
  const keyA = cache.import(a);
  cache.import(b);
  assert.equal(cache.import(a), keyA); // a hit, and now the most recent
  cache.import(c); // drops b
  assert.equal(cache.size, 2);
  assert.equal(cache.has(a), true);
  assert.equal(cache.has(b), false);
  assert.equal(cache.has(c), true);
});
