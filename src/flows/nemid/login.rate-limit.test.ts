/**
 * Per-address throttle on the login posts (RATE_LIMIT_PAGES): slows guessing across many user-IDs
 * from one address; the password lock per credential is in the database (login.attempt-limit).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('more login posts a minute from one address than RATE_LIMIT_PAGES → 429', async () => {
  // The setting's number is read per request: a small one keeps the test short.
  const max = 30;
  h.app.perAddressLimits.pages = max;
  const b = h.browser();
  const path = await b.startLogin();
  const statuses: number[] = [];
  for (let i = 0; i <= max; i++) {
    statuses.push((await b.submit(path, { step: 'password', userId: '', password: '' })).statusCode);
  }
  assert.deepEqual(statuses.slice(0, -1), Array(max).fill(400));
  assert.equal(statuses.at(-1), 429);
  const other = await h.app.inject({ method: 'POST', url: path, remoteAddress: '10.0.0.2', payload: {} });
  assert.notEqual(other.statusCode, 429, 'another address is not limited');
});
