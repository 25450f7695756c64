import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/config.ts';
import { loadFileSecrets } from '../../config/secrets.ts';
import { systemClock } from '../../platform/clock.ts';
import { migrate, openDatabase } from '../../platform/db/database.ts';
import { KeyStore } from '../../platform/keys/KeyStore.ts';
import { mitidMigrations } from '../mitid/db/migrations.ts';

const cli = fileURLToPath(new URL('./rotateKeys.ts', import.meta.url));

function run(args: string[], dataDir: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'sqlite' },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('the CLI rotates the cookie key of a service in its database, and refuses what is not rotated', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-rotate-'));
  try {
    const database = await openDatabase({ url: 'sqlite', dataDir: dir, name: 'mitid' });
    await migrate(database, mitidMigrations);
    const file = loadFileSecrets(loadConfig({ DATA_DIR: dir }));
    const store = new KeyStore(database.db as never, file.keyEncryptionKey, systemClock);
    await store.ensure('cookie', () => 'cookie-key-v1-0123456789abcdefghijklmn');
    await store.ensure('opaque-server-setup', () => 'setup');

    const rotated = run(['mitid', 'cookie'], dir);
    assert.equal(rotated.code, 0, rotated.err);
    assert.match(
      rotated.out,
      /^Key "cookie" of mitid: version 2 made; it signs from \S+; the older versions verify until \S+\.\n$/,
    );
    const versions = await store.versions('cookie');
    assert.deepEqual(
      versions.map((v) => v.version),
      [2, 1],
    );
    assert.notEqual(versions[0]?.secret, versions[1]?.secret);
    assert.ok(!rotated.out.includes(versions[0]?.secret ?? '-'), 'the key is never printed');

    const refused = run(['mitid', 'opaque-server-setup'], dir);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /not rotated: every app PIN was registered under it/);
    assert.equal((await store.versions('opaque-server-setup')).length, 1);

    assert.equal(run(['mitid'], dir).code, 2);
    assert.equal(run(['nemid', 'cookie'], dir).code, 2);
    await database.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
