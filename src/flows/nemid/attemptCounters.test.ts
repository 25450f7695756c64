/** The guessing counters at store level, on every database: atomic, block-aware, never permanent. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { AttemptCounterStore } from './attemptCounters.ts';
import { withAnnaDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: lock counter: concurrent claims each count once; the 5th blocks; blocked ones do not count`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const store = new AttemptCounterStore(database.db);
      const now = clock.now().getTime();
      const claims = await Promise.all(Array.from({ length: 8 }, () => store.countLock('u:x', now, 5)));
      assert.deepEqual(
        claims.map((c) => c?.failures ?? 0).sort((a, b) => a - b),
        [0, 0, 0, 1, 2, 3, 4, 5],
        'of 8 concurrent claims exactly 5 count, the 5th blocks, none slips in before the block',
      );
      assert.deepEqual(
        claims.filter((c) => c?.blockSet).map((c) => c?.failures),
        [5],
      );
      let c = (await store.get(['u:x'])).get('u:x');
      assert.equal(c?.failures, 5);
      assert.equal(c?.blockedUntil, now + 15 * MINUTE);
      assert.equal(await store.blockedUntil(['u:x', 'a:y'], now), now + 15 * MINUTE);

      // While blocked nothing counts and the block is not extended.
      assert.equal(await store.countLock('u:x', now + MINUTE, 5), undefined);
      c = (await store.get(['u:x'])).get('u:x');
      assert.deepEqual([c?.failures, c?.blockedUntil], [5, now + 15 * MINUTE]);

      // Later blocks double up to 4 h.
      let t = now + 15 * MINUTE;
      for (const expected of [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR]) {
        for (let i = 0; i < 5; i++) await store.countLock('u:x', t, 5);
        assert.equal((await store.get(['u:x'])).get('u:x')?.blockedUntil, t + expected);
        t += expected;
        assert.equal(await store.blockedUntil(['u:x'], t), undefined, 'the block ends');
      }

      // A day without a failure starts the count again.
      t += DAY;
      const fresh = await store.countLock('u:x', t, 5);
      assert.equal(fresh?.failures, 1);
      // A refund (the password was right) takes the attempt back.
      if (fresh) await store.refund(fresh);
      assert.equal((await store.get(['u:x'])).get('u:x')?.failures, 0);
      await store.reset('u:x');
      assert.equal((await store.get(['u:x'])).size, 0);
    }));

  test(`${dialect}: window counter: the limit blocks until the window ends; the next window starts at 1`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const store = new AttemptCounterStore(database.db);
      const start = clock.now().getTime();
      const claims = await Promise.all(
        Array.from({ length: 6 }, () => store.countWindow('a:1', start, 4, HOUR)),
      );
      assert.deepEqual(
        claims.map((c) => c?.failures ?? 0).sort((a, b) => a - b),
        [0, 0, 1, 2, 3, 4],
        'beyond the limit nothing is counted',
      );
      assert.equal(await store.blockedUntil(['a:1'], start + 10 * MINUTE), start + HOUR);
      // Refunding the claim that reached the limit lifts the block.
      const last = claims.find((c) => c?.blockSet);
      if (last) await store.refund(last);
      assert.equal(await store.blockedUntil(['a:1'], start + 10 * MINUTE), undefined);
      assert.equal((await store.countWindow('a:1', start + 10 * MINUTE, 4, HOUR))?.failures, 4);
      assert.equal(await store.blockedUntil(['a:1'], start + HOUR), undefined);
      assert.equal((await store.countWindow('a:1', start + HOUR, 4, HOUR))?.failures, 1, 'a new window');
      assert.equal(await store.blockedUntil(['a:1'], start + HOUR), undefined, 'the old block is over');
    }));

  test(`${dialect}: purge drops counters quiet for a day without a block left`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const store = new AttemptCounterStore(database.db);
      const now = clock.now().getTime();
      await store.countLock('u:old', now, 5);
      for (let i = 0; i < 5; i++) await store.countLock('u:blocked', now + DAY - 1, 5);
      await store.countWindow('g', now + DAY, 3000, HOUR);
      assert.equal(await store.purge(now + DAY + 1), 1);
      assert.deepEqual([...(await store.get(['u:old', 'u:blocked', 'g'])).keys()].sort(), ['g', 'u:blocked']);
    }));
}
