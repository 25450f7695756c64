/**
 * The PWA's rule for signed requests' timestamps (static/deviceTimestamps.js), run in Node with
 * Node's own Web Locks (navigator.locks) and a Map standing in for localStorage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  forgetTimestamps,
  nextTimestamp,
  type TimestampStorage,
  takeTimestamp,
} from './static/deviceTimestamps.js';

function memoryStorage(): TimestampStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const T = 1795510800000;

test('max(now, last + 1)', () => {
  assert.equal(nextTimestamp(T, undefined), T);
  assert.equal(nextTimestamp(T, 0), T);
  assert.equal(nextTimestamp(T, T - 5), T);
  assert.equal(nextTimestamp(T, T), T + 1);
  assert.equal(nextTimestamp(T, T + 40), T + 41, 'never back, even when the clock is behind');
  assert.equal(nextTimestamp(T, Number.NaN), T, 'an unreadable stored value counts as none');
});

test('800 signed calls at once for one device, the clock standing still: 800 increasing timestamps', async () => {
  const storage = memoryStorage();
  const env = { now: () => T, storage, locks: navigator.locks };
  const got = await Promise.all(Array.from({ length: 800 }, () => takeTimestamp('dev_a', env)));
  assert.equal(new Set(got).size, 800);
  assert.deepEqual(
    got,
    [...got].sort((a, b) => a - b),
  );
  assert.equal(await takeTimestamp('dev_b', env), T, 'each device counts for itself');
});

test('two tabs share the stored counter; a reload with the clock set back continues after it', async () => {
  const storage = memoryStorage();
  let now = T;
  const env = { now: () => now, storage, locks: navigator.locks };
  const tabs = await Promise.all(Array.from({ length: 50 }, () => takeTimestamp('dev_a', env)));
  now = T - 30_000;
  const afterReload = await takeTimestamp('dev_a', { ...env, locks: null });
  assert.equal(afterReload, Math.max(...tabs) + 1);
  forgetTimestamps('dev_a', storage);
  assert.equal(storage.map.size, 0);
});

test('storage that refuses (a private window) still gives increasing timestamps in the tab', async () => {
  const refusing: TimestampStorage = {
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => undefined,
  };
  const env = { now: () => T, storage: refusing, locks: navigator.locks };
  const got = await Promise.all(Array.from({ length: 20 }, () => takeTimestamp('dev_private', env)));
  assert.equal(new Set(got).size, 20);
});
