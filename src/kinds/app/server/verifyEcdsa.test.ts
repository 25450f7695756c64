import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { test } from 'node:test';
import type { PublicJwk } from './parsePublicJwk.ts';
import { KeyCache, p1363ToDer, verifyEcdsa } from './verifyEcdsa.ts';

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

test('the DER form of a P1363 signature is what node:crypto makes, for short, high-bit and zero halves', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Enough signatures that halves with a high bit (about one in two) and with a leading zero
  // byte (about one in 256 each) occur; node:crypto's own DER is the reference.
  let highBit = 0;
  let leadingZero = 0;
  for (let i = 0; i < 2000; i++) {
    const m = Buffer.from(`message ${i}`);
    const p1363 = sign('sha256', m, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const der = p1363ToDer(p1363);
    assert.deepEqual(
      verify('sha256', m, { key: createPublicKey(privateKey), dsaEncoding: 'der' }, der),
      true,
      `signature ${i}`,
    );
    // The same integers back, and the DER canonical (derToP1363 below checks both).
    assert.deepEqual(derToP1363(der), p1363);
    if (((p1363[0] as number) & 0x80) !== 0) highBit++;
    if (p1363[0] === 0 || p1363[32] === 0) leadingZero++;
  }
  assert.ok(highBit > 0 && leadingZero > 0, `high bit ${highBit}, leading zero ${leadingZero}`);
  // Halves of zero encode as INTEGER 0 (and never verify: r and s must be from 1 to n − 1).
  assert.deepEqual(p1363ToDer(Buffer.alloc(64)), Buffer.from([0x30, 6, 2, 1, 0, 2, 1, 0]));
  assert.throws(() => p1363ToDer(Buffer.alloc(63)), RangeError);
});

test('zero, all-ones and swapped halves do not verify', () => {
  const a = keyPair();
  const sig = Buffer.from(a.signs('hello'), 'base64url');
  const swapped = Buffer.concat([sig.subarray(32), sig.subarray(0, 32)]).toString('base64url');
  assert.equal(verifyEcdsa(a.pub, 'hello', swapped), false);
  assert.equal(verifyEcdsa(a.pub, 'hello', Buffer.alloc(64).toString('base64url')), false);
  assert.equal(verifyEcdsa(a.pub, 'hello', Buffer.alloc(64, 0xff).toString('base64url')), false);
  const zeroR = Buffer.concat([Buffer.alloc(32), sig.subarray(32)]).toString('base64url');
  assert.equal(verifyEcdsa(a.pub, 'hello', zeroR), false);
});

/** Reads SEQUENCE { INTEGER r, INTEGER s } back to r‖s (32 bytes each), for the test above. */
function derToP1363(der: Buffer): Buffer {
  assert.equal(der[0], 0x30);
  assert.equal(der[1], der.length - 2);
  const out = Buffer.alloc(64);
  let at = 2;
  for (const half of [0, 1]) {
    assert.equal(der[at], 0x02);
    const len = der[at + 1] as number;
    let value = der.subarray(at + 2, at + 2 + len);
    // Canonical DER: no zero byte first unless the next has its high bit set.
    if (value.length > 1) assert.ok(value[0] !== 0 || ((value[1] as number) & 0x80) !== 0);
    if (value[0] === 0 && value.length > 1) value = value.subarray(1);
    assert.ok(value.length <= 32);
    value.copy(out, half * 32 + 32 - value.length);
    at += 2 + len;
  }
  assert.equal(at, der.length);
  return out;
}
