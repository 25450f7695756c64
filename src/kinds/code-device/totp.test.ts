/** TOTP against RFC 6238's SHA-1 test vectors (the last 6 of their 8 digits) and the slow-down table. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowMs } from './slowdown.ts';
import { codeAt, hotp, matchStep, stepAt } from './totp.ts';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

test('RFC 6238 appendix B (SHA-1), 6 digits', () => {
  for (const [seconds, eight] of [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ] as const) {
    assert.equal(codeAt(RFC_SECRET, seconds * 1000), eight.slice(2), `T=${seconds}`);
  }
  assert.equal(hotp(RFC_SECRET, 0), '755224', 'RFC 4226 appendix D, count 0');
});

test('the window: 2 steps back, 1 ahead, only after the last accepted step', () => {
  const now = 1_790_000_000_000;
  const s = stepAt(now);
  for (const off of [-2, -1, 0, 1])
    assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s + off), now, 0, null), s + off);
  for (const off of [-3, 2])
    assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s + off), now, 0, null), undefined);
  assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s), now, 0, s), undefined, 'the last step again');
  assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s + 5), now, 5, null), s + 5, 'drift moves the window');
});

test('the slow-down: 60 s doubling, at most 15 minutes', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 9, 50].map(slowMs),
    [60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000],
  );
});
