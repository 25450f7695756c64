/**
 * The `oidc-signing` purpose: a version is an RS256 (2048-bit) and an ES256 private JWK with
 * their own kids (the provider's JWKS, tested end to end, shows only the public halves); a rotation (what `npm run rotate` does)
 * makes a new version of the same shape, and the ring holds both until the old one retires.
 */
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { test } from 'node:test';
import { TestClock } from '../clock.ts';
import { dialectsUnderTest } from '../db/testDb.ts';
import { cryptoRandom } from '../random.ts';
import { KeyRing } from './KeyRing.ts';
import { KeyStore } from './KeyStore.ts';
import { newOidcSigningKey, oidcSigningJwks } from './oidcSigningKey.ts';
import { rotateKey } from './rotateKey.ts';
import { newKek, withKeysDb } from './testing.ts';

test('a version is an RS256 2048-bit and a P-256 ES256 private key, each with its own kid', () => {
  const [rs, es] = oidcSigningJwks(newOidcSigningKey());
  assert.equal(rs?.alg, 'RS256');
  assert.equal(es?.alg, 'ES256');
  assert.notEqual(rs?.kid, es?.kid);
  const rsa = createPrivateKey({ key: rs as never, format: 'jwk' });
  assert.equal(rsa.asymmetricKeyDetails?.modulusLength, 2048);
  const ec = createPrivateKey({ key: es as never, format: 'jwk' });
  assert.equal(ec.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  assert.throws(() => oidcSigningJwks('{"keys":[]}'), /holds no RS256 or ES256 key/);
});

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: rotateKey makes a new oidc-signing version; the ring accepts both, the new one signs later`, async () => {
    await withKeysDb(dialect, 0, async (db) => {
      const clock = new TestClock();
      const store = new KeyStore(db, newKek(), clock);
      const [first] = await store.ensure('oidc-signing', newOidcSigningKey);
      const made = await rotateKey(store, cryptoRandom, 'oidc-signing', { activateAfterMs: 60_000 });
      assert.equal(made.version, 2);
      const ring = new KeyRing('oidc-signing', await store.versions('oidc-signing'), clock);
      assert.equal(ring.current().version, 1, 'the old one signs until the new one activates');
      assert.deepEqual(
        ring.accepted().map((v) => v.version),
        [1, 2],
      );
      clock.advance(60_000);
      assert.equal(ring.current().version, 2);
      const kids = ring.accepted().flatMap((v) => oidcSigningJwks(v.secret).map((k) => k.kid));
      assert.equal(new Set(kids).size, 4);
      assert.ok(first);
    });
  });
}
