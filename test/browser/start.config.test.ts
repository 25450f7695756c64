/** `npm start` with a bad setting stops at once with a message naming it, and writes nothing. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

test('a bad setting stops the start with a message naming the setting', () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'mitid-config-')), 'data');
  for (const [name, value] of [
    ['MITID_PORT', 'abc'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['MESSAGE_TRANSPORT', 'pigeon'],
  ]) {
    const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/start.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, [name as string]: value as string },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(res.status, 1, name);
    assert.match(res.stderr, new RegExp(`Configuration error: ${name}`), name);
    assert.doesNotMatch(res.stderr, /at .*\.ts:\d+/, 'no stack trace');
  }
  assert.ok(!existsSync(dataDir) || readdirSync(dataDir).length === 0, 'nothing written');
});
