import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sameSecret } from '../sameSecret.ts';
import { basicAuthHeader, parseBasicAuth } from './basicAuth.ts';

test('what the builder writes, the parser reads back', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ maxLength: 120 }), (id, secret) => {
      fc.pre(!id.includes(':'));
      assert.deepEqual(parseBasicAuth(basicAuthHeader(id, secret)), { id, secret });
    }),
  );
});

test('anything that is not Basic credentials is refused', () => {
  for (const header of [undefined, '', 'Bearer abc', 'Basic', 'Basic !!!', `Basic ${'A'.repeat(401)}`]) {
    assert.equal(parseBasicAuth(header), undefined, String(header));
  }
  assert.equal(parseBasicAuth(`Basic ${Buffer.from('no-colon').toString('base64')}`), undefined);
  assert.equal(parseBasicAuth(`Basic ${Buffer.from('id:%E0%A4%A').toString('base64')}`), undefined);
});

test('sameSecret is equality', () => {
  fc.assert(fc.property(fc.string(), fc.string(), (a, b) => sameSecret(a, b) === (a === b)));
  assert.ok(sameSecret('æøå', 'æøå'));
});
