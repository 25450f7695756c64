/** Per-IP rate limit on the login posts: slows guessing across many user-IDs. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nemidPolicy } from './nemidPolicy.ts';
import { type Harness, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test(`more than ${nemidPolicy.loginPostsPerMinute} login posts a minute from one IP → 429`, async () => {
  const b = h.browser();
  const path = await b.startLogin();
  const statuses: number[] = [];
  for (let i = 0; i <= nemidPolicy.loginPostsPerMinute; i++) {
    statuses.push((await b.submit(path, { step: 'password', userId: '', password: '' })).statusCode);
  }
  assert.deepEqual(statuses.slice(0, -1), Array(nemidPolicy.loginPostsPerMinute).fill(400));
  assert.equal(statuses.at(-1), 429);
  const other = await h.app.inject({ method: 'POST', url: path, remoteAddress: '10.0.0.2', payload: {} });
  assert.notEqual(other.statusCode, 429, 'another IP is not limited');
});
