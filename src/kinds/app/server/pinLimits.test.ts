import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HOUR } from '../../../platform/clock.ts';
import { attemptsLeftAfter, countAttempt, PIN_MAX_FAILURES, type PinCounter, pinGate } from './pinLimits.ts';

test('a fresh PIN allows 3 tries, then an hour of block', () => {
  let c: PinCounter = { failures: 0, blockedUntil: null };
  for (const left of [2, 1, 0]) {
    assert.equal(pinGate(c, 0).open, true);
    c = countAttempt(c, 0);
    assert.equal(attemptsLeftAfter(c.failures), left);
  }
  assert.deepEqual(pinGate(c, 0), { open: false, until: HOUR });
  assert.deepEqual(pinGate(c, HOUR), { open: true });
});

test('property: never more than 9 counted attempts, and never more than 3 within an hour of a block', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 * HOUR }), { maxLength: 40 }), (gaps) => {
      let c: PinCounter = { failures: 0, blockedUntil: null };
      let now = 0;
      const counted: number[] = [];
      for (const gap of gaps) {
        now += gap;
        if (!pinGate(c, now).open) continue;
        c = countAttempt(c, now);
        counted.push(now);
      }
      assert.ok(counted.length <= PIN_MAX_FAILURES);
      // The 4th attempt of any run comes at least an hour after the 3rd.
      for (let i = 3; i < counted.length; i += 3)
        assert.ok((counted[i] ?? 0) - (counted[i - 1] ?? 0) >= HOUR);
      if (counted.length === PIN_MAX_FAILURES)
        assert.deepEqual(pinGate(c, now + 1000 * HOUR), { open: false, permanent: true });
    }),
  );
});
