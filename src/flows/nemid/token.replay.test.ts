/** The authorization code is single-use and bound to its client and redirect URI. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

test('a replayed code is refused', async () => {
  const { code } = await logIn(h);
  assert.equal((await h.redeem(code)).statusCode, 200);
  const replay = await h.redeem(code);
  assert.equal(replay.statusCode, 400);
  assert.deepEqual(replay.json(), { error: 'invalid_grant' });
});

test('concurrent redemptions of one code: exactly one succeeds', async () => {
  const { code } = await logIn(h);
  const results = await Promise.all([h.redeem(code), h.redeem(code), h.redeem(code)]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 400, 400]);
});

test('a code with another redirect_uri is refused, and is then still usable with the right one', async () => {
  const { code } = await logIn(h);
  const wrong = await h.redeem(code, { redirectUri: `${h.config.bankUrl}/evil` });
  assert.equal(wrong.statusCode, 400);
  assert.deepEqual(wrong.json(), { error: 'invalid_grant' });
  assert.equal((await h.redeem(code)).statusCode, 200);
});

test('unknown and made-up codes are refused', async () => {
  assert.equal((await h.redeem('made-up-code')).statusCode, 400);
  assert.equal((await h.redeem('x'.repeat(201))).statusCode, 400);
});
