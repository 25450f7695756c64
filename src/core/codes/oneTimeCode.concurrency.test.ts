/**
 * Abuse cases under concurrency: the limits hold when many requests arrive at once (PostgreSQL
 * runs them on separate pooled connections; SQLite interleaves them between statements).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { mobileValidationCode as mobile } from './codePolicies.ts';
import { withCodes } from './oneTimeCodeTestKit.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`one-time codes under concurrency on ${dialect}`, () => {
    test('ten simultaneous right answers: exactly one succeeds', () =>
      withCodes(dialect, ['123456'], async ({ codes }) => {
        await codes.issue('flow', mobile, '+4512345678');
        const results = await Promise.all(
          Array.from({ length: 10 }, () => codes.verify('flow', mobile, '123456')),
        );
        assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
        for (const r of results)
          if (!r.ok) assert.ok(r.reason === 'used' || r.reason === 'blocked', r.reason);
      }));

    test('a burst of 60 wrong guesses: two are told "wrong", the third blocks, the rest are never compared', () =>
      withCodes(dialect, ['123456'], async ({ codes, database }) => {
        await codes.issue('flow', mobile, '+4512345678');
        const guesses = Array.from({ length: 60 }, (_, i) => String(i).padStart(6, '0'));
        const results = await Promise.all(guesses.map((g) => codes.verify('flow', mobile, g)));
        assert.equal(results.filter((r) => !r.ok && r.reason === 'wrong').length, 2);
        assert.equal(results.filter((r) => !r.ok && r.reason === 'blocked').length, 58);
        const row = await database.db
          .selectFrom('one_time_codes')
          .select('attempts')
          .executeTakeFirstOrThrow();
        assert.equal(row.attempts, 3, 'attempts never pass the limit');
      }));

    test('the right code hidden in a burst of guesses succeeds at most once', () =>
      withCodes(dialect, ['123456'], async ({ codes }) => {
        await codes.issue('flow', mobile, '+4512345678');
        const guesses = Array.from({ length: 30 }, (_, i) =>
          i % 3 === 0 ? '123456' : String(i).padStart(6, '0'),
        );
        const results = await Promise.all(guesses.map((g) => codes.verify('flow', mobile, g)));
        assert.ok(results.filter((r) => r.ok).length <= 1);
        assert.ok(results.filter((r) => r.ok || r.reason === 'wrong').length <= 3);
      }));

    test('twenty simultaneous sends: exactly five codes go out in all', () =>
      withCodes(dialect, [], async ({ codes }) => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => codes.issue('flow', mobile, '+4512345678')),
        );
        assert.equal(results.filter((r) => r.ok).length, 5);
        assert.equal((await codes.status('flow', mobile))?.sendsLeft, 0);
      }));
  });
}
