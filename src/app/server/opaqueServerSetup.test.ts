import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadOpaqueServerSetup, loadSecrets } from '../../config/secrets.ts';

test('the OPAQUE setup is made once, added to the secrets file, and kept by loadSecrets', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opaque-setup-'));
  try {
    const first = loadSecrets(dir);
    let made = 0;
    const create = async () => `setup-${++made}`;
    assert.equal(await loadOpaqueServerSetup(dir, create), 'setup-1');
    assert.equal(await loadOpaqueServerSetup(dir, create), 'setup-1');
    assert.equal(made, 1);
    const file = path.join(dir, 'secrets.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(stored.mitidCookieKey, first.mitidCookieKey);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // loadSecrets reads it, and keeps it when it rewrites the file for a missing entry.
    delete stored.bankCookieKey;
    writeFileSync(file, JSON.stringify(stored));
    const again = loadSecrets(dir);
    assert.equal(again.opaqueServerSetup, 'setup-1');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).opaqueServerSetup, 'setup-1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a secrets file that cannot be read is an error, not a new setup', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opaque-setup-'));
  try {
    writeFileSync(path.join(dir, 'secrets.json'), '{broken');
    await assert.rejects(
      loadOpaqueServerSetup(dir, async () => 'x'),
      /cannot be read/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
