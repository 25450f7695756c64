/**
 * The password's attempt limit (decision 0014 §2), on both databases: counted before the
 * comparison, 3 wrong → 15 minutes, 10 wrong in a row → for good, a right password clears the
 * count; parallel wrong tries get no more comparisons than the limit; a decoy, another person's
 * authentication and a non-text answer are refused as wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Authenticator, KindContext } from '../../core/authenticators/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { PASSWORD_LOCK_MS } from './passwordKind.ts';
import { T0, withPasswords } from './testing/index.ts';

const RIGHT = 'Sommer-i-Skagen-2026';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: right → proof; 3 wrong → 15 min; 10 in a row → for good`, async () => {
    await withPasswords(dialect, 1, async ({ db, kind, clock, withPassword, authOf }) => {
      const a = await withPassword(0, RIGHT);
      const ctx: KindContext = { db, now: () => clock.now };
      const auth = authOf(0);
      const row = () =>
        db.selectFrom('passwords').selectAll().where('authenticator_id', '=', a.id).executeTakeFirstOrThrow();

      assert.deepEqual(await kind.complete(ctx, a, auth, { password: RIGHT }), {
        ok: true,
        proof: {
          authenticatorId: a.id,
          kind: 'password',
          factors: ['knowledge'],
          methods: ['password'],
          at: T0,
        },
      });
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: 'wrong-1' }), {
        ok: false,
        code: 'password_wrong',
        details: { left: 2 },
      });
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: 'wrong-2' }), {
        ok: false,
        code: 'password_wrong',
        details: { left: 1 },
      });
      const until = T0 + PASSWORD_LOCK_MS;
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: 'wrong-3' }), {
        ok: false,
        code: 'password_locked',
        details: { until },
      });
      assert.deepEqual(await kind.lockState(a, clock.now), { locked: true, until });
      // Locked: not compared, not counted, even the right one.
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: RIGHT }), {
        ok: false,
        code: 'password_locked',
        details: { until },
      });
      assert.equal(Number((await row()).failures), 3);

      // Rounds 2 and 3, then the 10th wrong in a row locks for good.
      for (let round = 0; round < 2; round++) {
        clock.now += PASSWORD_LOCK_MS;
        assert.deepEqual(await kind.lockState(a, clock.now), { locked: false });
        for (const left of [2, 1])
          assert.equal((await kind.complete(ctx, a, auth, { password: 'x' })).ok, false, `left ${left}`);
        const third = await kind.complete(ctx, a, auth, { password: 'x' });
        assert.deepEqual(third, {
          ok: false,
          code: 'password_locked',
          details: { until: clock.now + PASSWORD_LOCK_MS },
        });
      }
      clock.now += PASSWORD_LOCK_MS;
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: 'x' }), {
        ok: false,
        code: 'password_locked',
        details: { until: null },
      });
      assert.equal(Number((await row()).failures), 10);
      clock.now += 365 * 24 * 3600_000;
      assert.deepEqual(await kind.lockState(a, clock.now), { locked: true, until: null });
      assert.deepEqual(await kind.complete(ctx, a, auth, { password: RIGHT }), {
        ok: false,
        code: 'password_locked',
        details: { until: null },
      });
      assert.equal(Number((await row()).failures), 10, 'no comparison once locked for good');
    });
  });

  test(`${dialect}: a right password clears the count; the 3rd try right is not locked`, async () => {
    await withPasswords(dialect, 1, async ({ db, kind, clock, withPassword, authOf }) => {
      const a = await withPassword(0, RIGHT);
      const ctx: KindContext = { db, now: () => clock.now };
      for (let i = 0; i < 2; i++) await kind.complete(ctx, a, authOf(0), { password: 'nope' });
      assert.equal((await kind.complete(ctx, a, authOf(0), { password: RIGHT })).ok, true);
      const row = await db
        .selectFrom('passwords')
        .selectAll()
        .where('authenticator_id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.failures), 0);
      assert.equal(row.blocked_until, null);
      assert.deepEqual(await kind.complete(ctx, a, authOf(0), { password: 'nope' }), {
        ok: false,
        code: 'password_wrong',
        details: { left: 2 },
      });
    });
  });

  test(`${dialect}: 8 parallel wrong tries: 3 compared and counted, the rest refused as locked`, async () => {
    await withPasswords(dialect, 1, async ({ db, kind, clock, withPassword, authOf }) => {
      const a = await withPassword(0, RIGHT);
      const ctx: KindContext = { db, now: () => clock.now };
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => kind.complete(ctx, a, authOf(0), { password: `wrong-${i}` })),
      );
      assert.equal(outcomes.filter((o) => !o.ok && o.code === 'password_wrong').length, 2);
      assert.equal(outcomes.filter((o) => !o.ok && o.code === 'password_locked').length, 6);
      const row = await db
        .selectFrom('passwords')
        .selectAll()
        .where('authenticator_id', '=', a.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.failures), 3);
    });
  });

  test(`${dialect}: a decoy, another person's authentication, a blocked one and a non-text answer are refused as wrong`, async () => {
    await withPasswords(dialect, 2, async ({ db, kind, clock, withPassword, authOf, authenticators }) => {
      const a = await withPassword(0, RIGHT);
      const ctx: KindContext = { db, now: () => clock.now };
      const decoy: Authenticator = { ...a, id: 'no-such-authenticator', identityId: 'nobody' };
      const t0 = performance.now();
      assert.deepEqual(await kind.complete(ctx, decoy, authOf(1), { password: RIGHT }), {
        ok: false,
        code: 'password_wrong',
        details: { left: 2 },
      });
      const decoyMs = performance.now() - t0;
      const t1 = performance.now();
      assert.deepEqual(await kind.complete(ctx, a, authOf(1), { password: RIGHT }), {
        ok: false,
        code: 'password_wrong',
        details: { left: 2 },
      });
      const realMs = performance.now() - t1;
      assert.ok(
        decoyMs > realMs / 3,
        `a decoy verifies too (${decoyMs.toFixed(0)} ms against ${realMs.toFixed(0)} ms)`,
      );
      assert.deepEqual(await kind.complete(ctx, a, authOf(0), { password: 42 } as never), {
        ok: false,
        code: 'password_wrong',
        details: { left: 1 },
      });
      assert.deepEqual(await kind.complete(ctx, a, authOf(0), undefined as never), {
        ok: false,
        code: 'password_locked',
        details: { until: clock.now + PASSWORD_LOCK_MS },
      });
      clock.now += PASSWORD_LOCK_MS;
      await authenticators.block({ authenticatorId: a.id }, 'system', 'support');
      const blocked = await authenticators.get(a.id);
      assert.ok(blocked);
      assert.equal((await kind.complete(ctx, blocked, authOf(0), { password: RIGHT })).ok, false);
      assert.deepEqual(await kind.begin(ctx, a, authOf(0)), { type: 'password' });
    });
  });
}
