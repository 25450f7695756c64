/** Flow transitions at store level, on every database: each happens once, guarded by state and time. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { createNemidIdentity } from './createNemidIdentity.ts';
import { spendKeyCode } from './keyCodeStore.ts';
import { NemidLoginStore, sha256 } from './loginStore.ts';
import { nemidPolicy } from './nemidPolicy.ts';
import { withAnnaDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: password → keycode → done → redeemed, each once`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const { db } = database;
      const id = await createNemidIdentity(db, cryptoRandom, clock, {
        cpr: '0101901234',
        userId: 'anna90',
        password: 'Pw-123456',
      });
      const key = id.keyCard.codes[0] ?? { keyNo: '', code: '' };
      const store = new NemidLoginStore(db);
      const now = clock.now().getTime();
      await store.create({
        id: 'f1',
        clientId: 'minbank',
        redirectUri: 'http://b/cb',
        clientState: 's',
        browserHash: 'h',
        now,
      });
      assert.equal((await store.get('f1'))?.expiresAt, now + nemidPolicy.flowTtlMs);

      const moves = await Promise.all([
        store.toKeycode('f1', id.cpr, id.keyCard.id, key.keyNo, now),
        store.toKeycode('f1', id.cpr, id.keyCard.id, key.keyNo, now),
      ]);
      assert.deepEqual(moves.sort(), [false, true]);

      const spends = await Promise.all([
        spendKeyCode(db, id.keyCard.id, key.keyNo, key.code, now),
        spendKeyCode(db, id.keyCard.id, key.keyNo, key.code, now),
      ]);
      assert.deepEqual(spends.sort(), [false, true], 'a key code is spent exactly once');

      assert.equal(await store.complete('f1', sha256('code-1'), now), true);
      assert.equal(await store.complete('f1', sha256('code-x'), now), false);
      assert.equal((await store.get('f1'))?.expiresAt, now + nemidPolicy.codeTtlMs);

      assert.equal(await store.redeem(sha256('code-1'), 'otherclient', 'http://b/cb', now), undefined);
      assert.equal(await store.redeem(sha256('code-1'), 'minbank', 'http://b/other', now), undefined);
      const redeemed = await Promise.all([
        store.redeem(sha256('code-1'), 'minbank', 'http://b/cb', now),
        store.redeem(sha256('code-1'), 'minbank', 'http://b/cb', now),
      ]);
      assert.equal(redeemed.filter(Boolean).length, 1);
      assert.equal(
        await store.rotateCode('f1', sha256('code-2'), now),
        false,
        'no new code after redemption',
      );
    }));

  test(`${dialect}: wrong key codes count atomically; expiry guards the transitions`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const store = new NemidLoginStore(database.db);
      const now = clock.now().getTime();
      await store.create({
        id: 'f2',
        clientId: 'minbank',
        redirectUri: 'http://b/cb',
        clientState: 's',
        browserHash: 'h',
        now,
      });
      assert.equal(await store.countWrongKeycode('f2'), undefined, 'not at the key-code step');
      assert.equal(
        await store.toKeycode('f2', '0101901234', 'card', '0001', now + nemidPolicy.flowTtlMs),
        false,
      );
      assert.equal(await store.toKeycode('f2', '0101901234', 'card', '0001', now), true);
      const counts = await Promise.all([1, 2, 3].map(() => store.countWrongKeycode('f2')));
      assert.deepEqual(counts.sort(), [1, 2, 3]);
      assert.equal(await store.complete('f2', sha256('late'), now + nemidPolicy.flowTtlMs), false);
      assert.equal(await store.fail('f2'), true);
      assert.equal(await store.fail('f2'), false);
      assert.equal(await store.purgeExpired(now + nemidPolicy.flowTtlMs + 86_400_001), 1);
    }));
}
