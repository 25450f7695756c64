/**
 * Untrusted password attempts for one user-ID (from browsers that never completed a login for
 * it): every 5th failure slows the user-ID down for 15 minutes, doubling with each further lock up
 * to 4 hours, never for good; while it lasts the attempt is refused without checking the password
 * and the page says when to try again; a completed login resets the count.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { userTag } from './deviceCookie.ts';
import { userCounterKey } from './guessLimits.ts';
import { ANNA, type Harness, logIn, startHarness } from './testing/nemidHarness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

// Each try comes from a new browser at its own address, so only the user-ID counter is in play.
let n = 0;
async function tryPassword(password: string, userId = ANNA.userId) {
  const b = h.browser(`10.0.${Math.floor(n / 250)}.${(n++ % 250) + 1}`);
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

const annaCounter = () =>
  h.database.db
    .selectFrom('nemid_attempt_counters')
    .selectAll()
    .where('counter_key', '=', userCounterKey(userTag(h.secrets, 'anna90')))
    .executeTakeFirstOrThrow();

test('5 wrong passwords slow the user-ID down for 15 minutes; the page says until when; then it lifts', async () => {
  for (let i = 0; i < 4; i++) assert.equal((await tryPassword('Forkert-2026')).statusCode, 400);
  assert.equal((await tryPassword(ANNA.password)).statusCode, 303, 'four wrong do not slow down');
  // Starting a login is not completing one: the count stays.
  assert.equal(await h.userIdFailures(ANNA.userId), 4);
  assert.equal((await tryPassword('Forkert-2026')).statusCode, 400);
  assert.equal((await annaCounter()).blocked_until, h.clock.now().getTime() + 15 * MINUTE);

  const slowed = await tryPassword(ANNA.password);
  assert.equal(slowed.statusCode, 429, 'slowed down: the right password is not even checked');
  // The clock stands at 09:00 UTC, 10:00 in Copenhagen.
  assert.ok(slowed.body.includes('For mange forkerte forsøg på at logge på.'));
  assert.ok(slowed.body.includes('prøve igen kl. 10.15'), 'the time to try again, in Copenhagen time');
  assert.equal(slowed.headers['retry-after'], String(15 * 60));
  assert.ok(!slowed.body.includes('Forkert bruger-ID eller adgangskode.'));
  assert.equal((await tryPassword('Forkert-2026')).statusCode, 429);
  assert.equal(await h.userIdFailures(ANNA.userId), 5, 'attempts while slowed down do not count or extend');

  h.clock.advance(15 * MINUTE - 1);
  assert.equal((await tryPassword(ANNA.password)).statusCode, 429);
  h.clock.advance(1);
  assert.equal((await tryPassword(ANNA.password)).statusCode, 303, 'it lifts after 15 minutes');
});

test('the slowed-down message in English', async () => {
  for (let i = 0; i < 5; i++) await tryPassword('Forkert-2026');
  const b = h.browser('10.9.9.9');
  const path = await b.startLogin();
  await b.get(`${path}?lang=en`);
  const res = await b.submitPassword(path, ANNA.userId, ANNA.password);
  assert.equal(res.statusCode, 429);
  assert.ok(
    res.body.includes(
      'Too many incorrect attempts to log on. For your security, you can try again at 10:15.',
    ),
  );
});

test('each further lock doubles, up to 4 hours, and is never permanent', async () => {
  // The first lock is walked through above; here each later lock starts one failure short of it
  // (the counter row comes from a real failure; its count is then set).
  assert.equal((await tryPassword('Forkert-2026')).statusCode, 400);
  const key = (await annaCounter()).counter_key;
  const locks = [30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 4 * HOUR];
  for (const [i, duration] of locks.entries()) {
    const failed = 5 * (i + 2) - 1;
    await h.database.db
      .updateTable('nemid_attempt_counters')
      .set({ failures: failed })
      .where('counter_key', '=', key)
      .execute();
    assert.equal((await tryPassword('Forkert-2026')).statusCode, 400);
    const c = await annaCounter();
    assert.equal(c.failures, failed + 1);
    assert.equal(c.blocked_until, h.clock.now().getTime() + duration, `lock ${i + 2}`);
    h.clock.advance(duration);
  }
  assert.equal(
    (await tryPassword(ANNA.password)).statusCode,
    303,
    'after the longest lock the owner gets in',
  );
});

test('a day without a failure starts the count again', async () => {
  for (let i = 0; i < 4; i++) await tryPassword('Forkert-2026');
  h.clock.advance(DAY);
  assert.equal((await tryPassword('Forkert-2026')).statusCode, 400);
  assert.equal(await h.userIdFailures(ANNA.userId), 1);
});

test('a completed login resets the count', async () => {
  for (let i = 0; i < 4; i++) await tryPassword('Forkert-2026');
  await logIn(h);
  assert.equal(await h.userIdFailures(ANNA.userId), 0);
  for (let i = 0; i < 4; i++) await tryPassword('Forkert-2026');
  assert.equal(
    (await tryPassword(ANNA.password)).statusCode,
    303,
    'four wrong after a login do not slow down',
  );
});
