/**
 * The seed's Digital Post letter: written once per demo person without a net bank, queued for
 * the MitID service's delivery worker, and written again at the next start if a start died
 * between the person and the letter.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { MessageStore } from '../../core/messages/index.ts';
import { TestClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { demoPeople } from './demoPeople.ts';
import { prepareData } from './prepareData.ts';

test('the turn letter is queued once, and written again by the next start if it is missing', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mitid-seed-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir });
    const clock = new TestClock();
    const withoutBank = demoPeople.filter((p) => !p.bank);
    assert.ok(withoutBank.length > 0);
    const letters = async () => {
      const mitid = await openDatabase<MitidDb>({ url: 'sqlite', dataDir, name: 'mitid' });
      try {
        const store = new MessageStore(mitid.db);
        return await Promise.all(withoutBank.map((p) => store.listByRecipient(p.cpr)));
      } finally {
        await mitid.close();
      }
    };

    await prepareData(config, clock, cryptoRandom);
    const first = await letters();
    assert.deepEqual(
      first.map((l) => l.map((m) => [m.channel, m.status])),
      withoutBank.map(() => [['digitalpost', 'queued']]),
    );
    await prepareData(config, clock, cryptoRandom);
    assert.deepEqual(
      (await letters()).map((l) => l.length),
      withoutBank.map(() => 1),
    );

    // As if the first start had died after the person and before the letter.
    const mitid = await openDatabase<MitidDb>({ url: 'sqlite', dataDir, name: 'mitid' });
    await mitid.db.deleteFrom('messages').execute();
    await mitid.close();
    await prepareData(config, clock, cryptoRandom);
    assert.deepEqual(
      (await letters()).map((l) => l.map((m) => m.subject)),
      first.map((l) => l.map((m) => m.subject)),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the dev start imports a demo batch of 25 of each code kind once, through the PSKC import', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mitid-seed-devices-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir });
    const clock = new TestClock();
    await prepareData(config, clock, cryptoRandom);
    await prepareData(config, clock, cryptoRandom);
    const mitid = await openDatabase<MitidDb>({ url: 'sqlite', dataDir, name: 'mitid' });
    try {
      const rows = await mitid.db
        .selectFrom('code_device_stock')
        .select(['kind', 'status', 'batch'])
        .execute();
      for (const kind of ['codeDisplay', 'codeReader'] as const) {
        const of = rows.filter((r) => r.kind === kind);
        assert.equal(of.length, 25, kind);
        assert.ok(of.every((r) => r.status === 'in_stock' && r.batch.startsWith(`demo-${kind}-`)));
      }
    } finally {
      await mitid.close();
    }
    const off = mkdtempSync(path.join(tmpdir(), 'mitid-seed-nodev-'));
    try {
      await prepareData(loadConfig({ DATA_DIR: off, DEV_PAGES: 'false' }), clock, cryptoRandom);
      const db = await openDatabase<MitidDb>({ url: 'sqlite', dataDir: off, name: 'mitid' });
      try {
        assert.equal((await db.db.selectFrom('code_device_stock').select('serial').execute()).length, 0);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(off, { recursive: true, force: true });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
