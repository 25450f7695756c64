import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { lockDurationMs } from './nemidPolicy.ts';

test('a lock every 5 wrong attempts: 15 min doubling to at most 4 h', () => {
  const locks = [5, 10, 15, 20, 25, 30, 500].map((n) => lockDurationMs(n));
  assert.deepEqual(locks, [15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR, 4 * HOUR]);
  for (const n of [0, 1, 4, 6, 9, 11]) assert.equal(lockDurationMs(n), 0, String(n));
});

test('no count locks longer than 4 hours (never permanently)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
      const d = lockDurationMs(n);
      assert.ok(d >= 0 && d <= 4 * HOUR && Number.isFinite(d));
    }),
  );
});
