import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { test } from 'node:test';
import { generateDeviceKey } from './deviceKey.ts';
import { canonicalRequest, signRequest } from './signRequest.ts';

test('the canonical string is the doc’s five lines, the body as its SHA-256 in base64url', () => {
  const body = '{"startLoginRequest":"abc"}';
  const s = canonicalRequest({
    method: 'post',
    pathWithQuery: '/api/app/v1/devices/d1/transactions/t1/pin',
    timestamp: 1_764_000_000_000,
    body,
  });
  assert.equal(
    s,
    `mitid-app-v1\nPOST\n/api/app/v1/devices/d1/transactions/t1/pin\n1764000000000\n${createHash('sha256').update(body).digest('base64url')}`,
  );
});

test('an empty body hashes as the empty string (a GET)', () => {
  const s = canonicalRequest({ method: 'GET', pathWithQuery: '/a?b=1', timestamp: 5, body: '' });
  assert.equal(s, 'mitid-app-v1\nGET\n/a?b=1\n5\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
});

test('non-ASCII bodies are hashed as UTF-8', () => {
  const body = '{"text":"Overfør 1.250,00 kr."}';
  const s = canonicalRequest({ method: 'POST', pathWithQuery: '/x', timestamp: 1, body });
  assert.ok(s.endsWith(createHash('sha256').update(Buffer.from(body, 'utf8')).digest('base64url')));
});

test('a path without its leading "/" is a programming error', () => {
  assert.throws(() => canonicalRequest({ method: 'GET', pathWithQuery: 'x', timestamp: 1, body: '' }));
});

test('the headers name the device and carry a P1363 signature over the canonical string', () => {
  const key = generateDeviceKey();
  const r = { method: 'GET', pathWithQuery: '/api/app/v1/devices/d1/transactions', timestamp: 42, body: '' };
  const h = signRequest('d1', key, r);
  assert.equal(h['x-mitid-device'], 'd1');
  assert.equal(h['x-mitid-timestamp'], '42');
  const pub = createPublicKey({ key: { ...key.publicJwk }, format: 'jwk' });
  const ok = (s: string) =>
    verify(
      'sha256',
      Buffer.from(s),
      { key: pub, dsaEncoding: 'ieee-p1363' },
      Buffer.from(h['x-mitid-signature'], 'base64url'),
    );
  assert.equal(ok(canonicalRequest(r)), true);
  assert.equal(ok(canonicalRequest({ ...r, timestamp: 43 })), false);
  assert.equal(ok(canonicalRequest({ ...r, pathWithQuery: '/api/app/v1/devices/d2/transactions' })), false);
});
