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
