import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { loadSecrets } from './secrets.ts';

test('defaults give two local origins on the embedded database', () => {
  const c = loadConfig({});
  assert.equal(c.mitidUrl, 'http://localhost:3000');
  assert.equal(c.bankUrl, 'http://127.0.0.1:3001');
  assert.equal(c.databaseUrl, 'sqlite');
  assert.equal(c.messageTransport, 'outbox');
});

test('a bad value stops the start with a message naming the setting', () => {
  const cases: [Record<string, string>, string][] = [
    [{ MITID_PORT: 'abc' }, 'MITID_PORT'],
    [{ BANK_PORT: '70000' }, 'BANK_PORT'],
    [{ MITID_URL: 'not a url' }, 'MITID_URL'],
    [{ MITID_URL: 'http://localhost:3000/path' }, 'MITID_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MESSAGE_TRANSPORT: 'smtp' }, 'SMTP_URL'],
    [{ DEV_PAGES: 'yes' }, 'DEV_PAGES'],
    [{ BANK_URL: 'http://localhost:3000' }, 'BANK_URL'],
  ];
  for (const [env, setting] of cases) {
    assert.throws(
      () => loadConfig(env),
      (err: unknown) =>
        err instanceof ConfigError && err.setting === setting && err.message.includes(setting),
      setting,
    );
  }
});

test('a database password never appears in the error message', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db' }),
    (err: Error) => !err.message.includes('hunter2'),
  );
});

test('secrets are generated once, kept with the data and readable only by the owner', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-secrets-'));
  const first = loadSecrets(dir);
  const second = loadSecrets(dir);
  assert.deepEqual(first, second);
  assert.ok(first.mitidCookieKey.length >= 32);
  assert.notEqual(first.mitidCookieKey, first.bankCookieKey);
  const file = path.join(dir, 'secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.match(readFileSync(file, 'utf8'), /bankClientSecret/);
});
