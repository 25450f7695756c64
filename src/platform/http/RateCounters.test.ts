import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MitidDb } from '../../core/db/index.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import { dialectsUnderTest, openTestDatabase } from '../db/testDb.ts';
import { RateCounters } from './RateCounters.ts';

const T0 = Date.parse('2026-11-24T09:00:10Z');

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: hits are counted per scope and key; over max is refused until the window ends`, async () => {
    const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
    try {
      const c = new RateCounters(database.db);
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await c.hit('device', 'd1', 3, 60_000, T0 + i));
      assert.deepEqual(
        hits.map((h) => h.ok),
        [true, true, true, false],
      );
      assert.deepEqual(hits[3], { ok: false, hits: 4, retryAfterMs: 50_000 - 3 });
      assert.equal((await c.hit('device', 'd2', 3, 60_000, T0)).ok, true, 'another key');
      assert.equal((await c.hit('client', 'd1', 3, 60_000, T0)).ok, true, 'another scope');
      assert.deepEqual(await c.hit('device', 'd1', 3, 60_000, T0 + 50_000), { ok: true, hits: 1 });
      assert.equal(await c.purgeExpired(T0 + 50_000), 3, 'the ended window is purged');
      assert.equal(await c.purgeExpired(T0 + 50_000), 0);
    } finally {
      await database.close();
    }
  });

  test(`${dialect}: 30 parallel hits against a limit of 10: exactly 10 pass`, async () => {
    const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
    try {
      const c = new RateCounters(database.db);
      const all = await Promise.all(Array.from({ length: 30 }, () => c.hit('device', 'd1', 10, 60_000, T0)));
      assert.equal(all.filter((h) => h.ok).length, 10);
      assert.deepEqual(
        all.map((h) => h.hits).sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    } finally {
      await database.close();
    }
  });
}
