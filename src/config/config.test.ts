import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { loadFileSecrets } from './secrets.ts';

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
    [{ TRUST_PROXY: '10.0.0.1,proxy.example' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ RATE_LIMIT_PAGES: '0' }, 'RATE_LIMIT_PAGES'],
    [{ RATE_LIMIT_DEVICE: '1e4' }, 'RATE_LIMIT_DEVICE'],
    [{ RATE_LIMIT_ACTIVATION: '-5' }, 'RATE_LIMIT_ACTIVATION'],
    [{ RATE_LIMIT_API: '' }, 'RATE_LIMIT_API'],
    [{ METRICS: 'public' }, 'METRICS'],
    [{ METRICS: 'token' }, 'METRICS_TOKEN'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
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

test('per-address throttles default high enough for 1,000 devices behind one address', () => {
  const c = loadConfig({});
  assert.deepEqual(c.trustProxy, []);
  // A device on the home screen polls every 3 s (20 a minute) and an approval adds 4 calls.
  assert.ok(c.rateLimitDevice >= 1000 * (20 + 4));
  assert.ok(c.rateLimitActivation >= 1000);
  assert.ok(c.rateLimitPages >= 1000);
  assert.deepEqual(loadConfig({ TRUST_PROXY: ' 10.0.0.1, 192.168.0.0/16 ,::1,loopback' }).trustProxy, [
    '10.0.0.1',
    '192.168.0.0/16',
    '::1',
    'loopback',
  ]);
  assert.equal(loadConfig({ RATE_LIMIT_PAGES: '30' }).rateLimitPages, 30);
});

test('metrics and demo people follow DEV_PAGES unless told otherwise', () => {
  const token = 't'.repeat(40);
  assert.equal(loadConfig({}).metrics, 'open');
  assert.equal(loadConfig({}).seedDemo, true);
  const prod = loadConfig({ DEV_PAGES: 'false' });
  assert.equal(prod.metrics, 'off');
  assert.equal(prod.seedDemo, false);
  assert.equal(loadConfig({ DEV_PAGES: 'false', METRICS_TOKEN: token }).metrics, 'token');
  assert.equal(loadConfig({ DEV_PAGES: 'false', SEED_DEMO: 'true' }).seedDemo, true);
  assert.throws(
    () => loadConfig({ METRICS_TOKEN: `${'x'.repeat(40)} secret-part` }),
    (err: Error) => err instanceof ConfigError && !err.message.includes('secret-part'),
  );
});

test('a database password never appears in the error message', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db' }),
    (err: Error) => !err.message.includes('hunter2'),
  );
});

test('the embedded default: the KEK and the client secret are generated once into secrets.json (0600)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-secrets-'));
  const config = loadConfig({ DATA_DIR: dir });
  const first = loadFileSecrets(config);
  const second = loadFileSecrets(config);
  assert.deepEqual(first, second);
  assert.equal(first.keyEncryptionKey.length, 32);
  assert.ok(first.bankClientSecret.length >= 32);
  const file = path.join(dir, 'secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8'))).sort(), [
    'bankClientSecret',
    'bankSupportPassword',
    'borgerClientSecret',
    'keyEncryptionKey',
  ]);
});

test('KEY_ENCRYPTION_KEY and BANK_CLIENT_SECRET from the environment: nothing is written to the data folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-secrets-'));
  const kek = randomBytes(32).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const loaded = loadFileSecrets(
    loadConfig({
      DATA_DIR: dir,
      KEY_ENCRYPTION_KEY: kek,
      BANK_CLIENT_SECRET: secret,
      BORGER_CLIENT_SECRET: randomBytes(32).toString('base64url'),
      BANK_SUPPORT_PASSWORD: 'support-password-for-tests',
    }),
  );
  assert.deepEqual(loaded.keyEncryptionKey, Buffer.from(kek, 'base64url'));
  assert.equal(loaded.bankClientSecret, secret);
  assert.equal(existsSync(path.join(dir, 'secrets.json')), false);
  // Or the KEK in a file, e.g. one a secret manager mounts.
  const kekFile = path.join(dir, 'kek');
  writeFileSync(kekFile, `${kek}\n`);
  const fromFile = loadFileSecrets(
    loadConfig({ DATA_DIR: dir, KEY_ENCRYPTION_KEY: kekFile, BANK_CLIENT_SECRET: secret }),
  );
  assert.deepEqual(fromFile.keyEncryptionKey, Buffer.from(kek, 'base64url'));
});

test('a KEY_ENCRYPTION_KEY that is not 32 bytes stops the start, naming the setting', () => {
  for (const bad of ['short', 'A'.repeat(44), randomBytes(16).toString('base64url')]) {
    assert.throws(
      () => loadConfig({ KEY_ENCRYPTION_KEY: bad }),
      (err: unknown) =>
        err instanceof ConfigError && err.setting === 'KEY_ENCRYPTION_KEY' && !err.message.includes(bad),
    );
  }
  assert.throws(
    () => loadConfig({ BANK_CLIENT_SECRET: 'too-short' }),
    (err: unknown) => err instanceof ConfigError && err.setting === 'BANK_CLIENT_SECRET',
  );
});
