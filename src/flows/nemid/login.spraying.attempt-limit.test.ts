/**
 * Guessing across many user-IDs (password spraying) stays slow: untrusted failures also count per
 * client address (30 an hour) and globally (3000 an hour). A trusted browser is not held back by
 * either. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HOUR } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { addressCounterKey, GLOBAL_COUNTER } from './guessLimits.ts';
import { nemidPolicy } from './nemidPolicy.ts';
import { ANNA, type Harness, logIn, startHarness, type TestBrowser } from './testing/nemidHarness.ts';

async function attempt(b: TestBrowser, userId: string, password: string) {
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

const failuresOf = async (h: Harness, key: string) =>
  Number(
    (
      await h.database.db
        .selectFrom('nemid_attempt_counters')
        .select('failures')
        .where('counter_key', '=', key)
        .executeTakeFirst()
    )?.failures ?? 0,
  );

const setFailures = (h: Harness, key: string, failures: number) =>
  h.database.db
    .updateTable('nemid_attempt_counters')
    .set({ failures })
    .where('counter_key', '=', key)
    .execute();

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: ${nemidPolicy.addressFailuresPerWindow} failures an hour from one address slow that address down`, async () => {
    const h = await startHarness({ dialect });
    try {
      // Anna's own browser, behind the same address as the stranger (a shared network).
      const annas = h.browser('198.51.100.7');
      await logIn(h, annas);
      const start = h.clock.now().getTime();

      // The attack: one guess each for many user-IDs, known and unknown, from one address.
      const stranger = h.browser('198.51.100.7');
      for (let i = 0; i < 10; i++) {
        const userId = i === 0 ? ANNA.userId : `bruger${1000 + i}`;
        assert.equal((await attempt(stranger, userId, 'Sommer-2026')).statusCode, 400);
      }
      const key = addressCounterKey('198.51.100.7');
      assert.equal(await failuresOf(h, key), 10, 'every guess was accepted and counted on the address');
      // The rest of the hour's guesses are set directly: sending them would take real minutes
      // past the platform's per-minute limit, which is not what this test is about.
      await setFailures(h, key, nemidPolicy.addressFailuresPerWindow - 1);
      assert.equal((await attempt(stranger, 'bruger2000', 'Sommer-2026')).statusCode, 400);
      assert.equal(await failuresOf(h, key), nemidPolicy.addressFailuresPerWindow);

      // The outcome: the address is slowed down for any untrusted attempt, until the hour ends …
      const slowed = await attempt(stranger, 'bruger2001', 'Sommer-2026');
      assert.equal(slowed.statusCode, 429);
      assert.ok(
        slowed.body.includes('prøve igen kl. 11.00'),
        'the window ends at 10:00 UTC, 11:00 in Copenhagen',
      );
      assert.equal((await attempt(h.browser('198.51.100.7'), ANNA.userId, ANNA.password)).statusCode, 429);
      // … another address is not …
      assert.equal((await attempt(h.browser('198.51.100.8'), ANNA.userId, ANNA.password)).statusCode, 303);
      // … nor is Anna's trusted browser on the same address.
      await logIn(h, annas);
      h.clock.advance(start + HOUR - h.clock.now().getTime());
      assert.equal((await attempt(stranger, 'bruger2001', 'Sommer-2026')).statusCode, 400, 'a new hour');
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: ${nemidPolicy.globalFailuresPerWindow} failures an hour from everywhere slow every untrusted attempt down`, async () => {
    const h = await startHarness({ dialect });
    try {
      const annas = h.browser('198.51.100.20');
      await logIn(h, annas);
      const start = h.clock.now().getTime();
      // The attack from many addresses, each with a few guesses.
      for (let i = 0; i < 6; i++) {
        const b = h.browser(`100.64.0.${i + 1}`);
        assert.equal((await attempt(b, `bruger${3000 + i}`, 'Vinter-2026')).statusCode, 400);
      }
      assert.equal(await failuresOf(h, GLOBAL_COUNTER), 6, 'accepted and counted globally');
      await setFailures(h, GLOBAL_COUNTER, nemidPolicy.globalFailuresPerWindow - 1);
      assert.equal((await attempt(h.browser('100.64.1.1'), 'bruger4000', 'Vinter-2026')).statusCode, 400);

      // Every untrusted attempt now waits for the hour's end, from any address, for any user-ID …
      assert.equal((await attempt(h.browser('100.64.1.2'), 'bruger4001', 'Vinter-2026')).statusCode, 429);
      assert.equal((await attempt(h.browser('192.0.2.99'), ANNA.userId, ANNA.password)).statusCode, 429);
      // … but not a trusted browser.
      await logIn(h, annas);
      h.clock.advance(start + HOUR - h.clock.now().getTime());
      assert.equal((await attempt(h.browser('192.0.2.99'), ANNA.userId, ANNA.password)).statusCode, 303);
    } finally {
      await h.close();
    }
  });
}
