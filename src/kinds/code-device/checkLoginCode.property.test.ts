/**
 * Concurrent posts of one code, as a property on both databases: whatever the number of parallel
 * posts and the browsers they come from, exactly one is accepted, and the step it wrote is the
 * code's; a later post of the same code is never accepted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { withCodeDevices } from './codeDeviceTestKit.ts';
import { stepAt } from './totp.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: n parallel posts of one code are accepted exactly once`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: a } = await kit.activate(0);
      const ctx = { db: kit.db, now: () => kit.clock.now };
      const kind = kit.devices.kinds.codeDisplay;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom('browser-home', 'browser-other', null), { minLength: 2, maxLength: 8 }),
          async (browsers) => {
            kit.clock.now += 30_000;
            // Each run starts with open counters (the losers of the last run counted as wrong).
            await kit.db
              .updateTable('code_devices')
              .set({ failures: 0, blocked_until: null, trusted_failures: 0, trusted_blocked_until: null })
              .execute();
            const code = (await kit.devices.currentCode(serial, kit.clock.now)) ?? '';
            const results = await Promise.all(
              browsers.map((b) => kind.complete(ctx, a, kit.auth(0, b), { code })),
            );
            assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
            const row = await kit.db
              .selectFrom('code_devices')
              .select('last_step')
              .where('authenticator_id', '=', a.id)
              .executeTakeFirstOrThrow();
            assert.equal(Number(row.last_step), stepAt(kit.clock.now));
            assert.equal((await kind.complete(ctx, a, kit.auth(0), { code })).ok, false, 'replayed later');
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}
