/**
 * Password attempts: 5 wrong in a row lock the credential for 15 minutes, doubling with each
 * further lock up to 4 hours, never for good; a completed login resets the count.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { HOUR, MINUTE } from '../platform/clock.ts';
import { ANNA, type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function tryPassword(password: string): Promise<number> {
  const b = h.browser();
  const path = await b.startLogin();
  return (await b.submitPassword(path, ANNA.userId, password)).statusCode;
}

const credential = () => h.database.db.selectFrom('nemid_credentials').selectAll().executeTakeFirstOrThrow();

test('5 wrong passwords lock for 15 minutes; the lock then lifts by itself', async () => {
  for (let i = 0; i < 4; i++) assert.equal(await tryPassword('Forkert-2026'), 400);
  assert.equal(await tryPassword(ANNA.password), 303, 'four wrong do not lock');
  // Starting a login is not completing one: the count stays.
  assert.equal((await credential()).failed_attempts, 4);
  assert.equal(await tryPassword('Forkert-2026'), 400);
  assert.equal((await credential()).locked_until, h.clock.now().getTime() + 15 * MINUTE);

  assert.equal(await tryPassword(ANNA.password), 400, 'locked: the right password is refused too');
  assert.equal(await tryPassword('Forkert-2026'), 400);
  assert.equal((await credential()).failed_attempts, 5, 'attempts while locked do not count or extend');
  h.clock.advance(15 * MINUTE - 1);
  assert.equal(await tryPassword(ANNA.password), 400);
  h.clock.advance(1);
  assert.equal(await tryPassword(ANNA.password), 303, 'the lock lifts after 15 minutes');
});

test('each further lock doubles, up to 4 hours, and is never permanent', async () => {
  // The first lock is walked through above; here each later lock starts one wrong attempt short
  // of it (the per-IP rate limit would stop 30 posts in a minute, as it should).
  const locks = [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR];
  for (const [i, duration] of locks.entries()) {
    const failed = 5 * (i + 2) - 1;
    await h.database.db.updateTable('nemid_credentials').set({ failed_attempts: failed }).execute();
    assert.equal(await tryPassword('Forkert-2026'), 400);
    const c = await credential();
    assert.equal(c.failed_attempts, failed + 1);
    assert.equal(c.locked_until, h.clock.now().getTime() + duration, `lock ${i + 2}`);
    h.clock.advance(duration);
  }
  assert.equal(await tryPassword(ANNA.password), 303, 'after the longest lock the owner gets in');
});

test('a completed login resets the count', async () => {
  for (let i = 0; i < 4; i++) await tryPassword('Forkert-2026');
  await logIn(h);
  const c = await credential();
  assert.equal(c.failed_attempts, 0);
  assert.equal(c.locked_until, null);
  for (let i = 0; i < 4; i++) await tryPassword('Forkert-2026');
  assert.equal(await tryPassword(ANNA.password), 303, 'four wrong after a login do not lock');
});
