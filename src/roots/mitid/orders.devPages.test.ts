/** /dev/ordrer exists only with DEV_PAGES: without, its paths answer 404 like any unknown path. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { buildMitidApp } from './app.ts';
import { mitidMigrations } from './db/migrations.ts';

async function statusOf(
  devPages: boolean,
  requests: { method: 'GET' | 'POST'; url: string }[],
): Promise<number[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dev-orders-'));
  const database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  const app = await buildMitidApp({
    config: loadConfig({ DATA_DIR: dataDir, DEV_PAGES: String(devPages) }),
    secrets: { cookieKey: 'k'.repeat(43), serverSecret: 'e'.repeat(43), bankClientSecret: 's'.repeat(43) },
    db: database.db,
    clock: new TestClock(),
    random: cryptoRandom,
  });
  try {
    const out: number[] = [];
    for (const r of requests) out.push((await app.inject({ method: r.method, url: r.url })).statusCode);
    return out;
  } finally {
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('DEV_PAGES=false: no /dev/ordrer (404); DEV_PAGES=true: the page (200)', async () => {
  assert.deepEqual(
    await statusOf(false, [
      { method: 'GET', url: '/dev/ordrer' },
      { method: 'POST', url: '/dev/ordrer/some-order' },
    ]),
    [404, 404],
  );
  assert.deepEqual(await statusOf(true, [{ method: 'GET', url: '/dev/ordrer' }]), [200]);
});
