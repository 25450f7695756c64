/** The lock counter at store level, on every database: atomic, lock-aware, never permanent. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOUR, MINUTE } from '../platform/clock.ts';
import { dialectsUnderTest } from '../platform/db/testDb.ts';
import { cryptoRandom } from '../platform/random.ts';
import { createNemidIdentity } from './createNemidIdentity.ts';
import { findCredential, isLocked, recordFailedAttempt, resetFailedAttempts } from './credentialStore.ts';
import { withAnnaDb } from './testing/storeFixtures.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: concurrent wrong attempts each count once; the 5th locks`, () =>
    withAnnaDb(dialect, async (database, clock) => {
      const { db } = database;
      await createNemidIdentity(db, cryptoRandom, clock, {
        cpr: '0101901234',
        userId: 'anna90',
        password: 'Pw-123456',
      });
      const now = clock.now().getTime();
      await Promise.all(Array.from({ length: 5 }, () => recordFailedAttempt(db, '0101901234', now)));
      let c = await findCredential(db, 'anna90');
      assert.equal(c?.failedAttempts, 5);
      assert.equal(c?.lockedUntil, now + 15 * MINUTE);
      assert.equal(c && isLocked(c, now), true);

      // While locked nothing counts.
      await recordFailedAttempt(db, '0101901234', now + MINUTE);
      assert.equal((await findCredential(db, 'anna90'))?.failedAttempts, 5);

      // Later locks double up to 4 h.
      let t = now + 15 * MINUTE;
      for (const expected of [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR]) {
        for (let i = 0; i < 5; i++) await recordFailedAttempt(db, '0101901234', t);
        c = await findCredential(db, 'anna90');
        assert.equal(c?.lockedUntil, t + expected);
        t += expected;
        assert.equal(c && isLocked(c, t), false, 'the lock ends');
      }
      await resetFailedAttempts(db, '0101901234');
      c = await findCredential(db, 'anna90');
      assert.deepEqual([c?.failedAttempts, c?.lockedUntil], [0, null]);
    }));
}
