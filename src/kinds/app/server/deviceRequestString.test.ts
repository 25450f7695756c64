import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceRequestString } from './deviceRequestString.ts';

test('the signed string of a call without a body hashes nothing', () => {
  assert.equal(
    deviceRequestString('get', '/api/app/v1/devices/d1/transactions', '1795510800000', new Uint8Array()),
    'mitid-app-v1\nGET\n/api/app/v1/devices/d1/transactions\n1795510800000\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
  );
});

test('the body is hashed as its bytes', () => {
  const s = deviceRequestString('POST', '/x?y=1', '1', Buffer.from('{"a":"ø"}', 'utf8'));
  assert.match(s, /^mitid-app-v1\nPOST\n\/x\?y=1\n1\n[A-Za-z0-9_-]{43}$/);
});
