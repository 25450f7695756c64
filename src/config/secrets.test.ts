import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Signer } from '@fastify/cookie';
import { TestClock } from '../platform/clock.ts';
import { dialectsUnderTest } from '../platform/db/testDb.ts';
import { KeyDecryptionError, KeyStore } from '../platform/keys/KeyStore.ts';
import { ACTIVATE_AFTER_MS } from '../platform/keys/keyPurposes.ts';
import { rotateKey } from '../platform/keys/rotateKey.ts';
import { withKeysDb } from '../platform/keys/testing.ts';
import { cryptoRandom } from '../platform/random.ts';
import { loadConfig } from './config.ts';
import { loadBankSecrets, loadFileSecrets, loadMitidSecrets } from './secrets.ts';

const noOpaque = async (): Promise<string> => assert.fail('the OPAQUE setup must come from the file');

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a data folder from before the key store keeps its keys: cookies, codes and app PINs survive`, async () => {
    await withKeysDb(dialect, 0, async (db) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'mitid-legacy-'));
      const old = {
        mitidCookieKey: 'old-mitid-cookie-key-0123456789abcdefghij',
        bankCookieKey: 'old-bank-cookie-key-0123456789abcdefghijk',
        bankClientSecret: 'old-bank-client-secret-0123456789abcdefg',
        opaqueServerSetup: 'old-opaque-setup',
      };
      writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify(old), { mode: 0o600 });
      const file = loadFileSecrets(loadConfig({ DATA_DIR: dir }));
      assert.equal(file.bankClientSecret, old.bankClientSecret);
      const stored = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8'));
      assert.equal(
        stored.opaqueServerSetup,
        old.opaqueServerSetup,
        'the old entries are kept beside the new KEK',
      );
      assert.equal(typeof stored.keyEncryptionKey, 'string');

      const clock = new TestClock();
      const store = new KeyStore(db, file.keyEncryptionKey, clock);
      const mitid = await loadMitidSecrets(store, file, clock, noOpaque);
      assert.equal(mitid.secrets.opaqueServerSetup, old.opaqueServerSetup);
      // Codes issued before the upgrade were hashed under a key derived from the cookie key.
      assert.equal(mitid.secrets.serverSecret, old.mitidCookieKey);
      const cookie = new Signer(old.mitidCookieKey).sign('session-1');
      const signer = mitid.secrets.cookieKey;
      assert.ok(typeof signer !== 'string');
      assert.deepEqual(signer.unsign(cookie), { valid: true, renew: false, value: 'session-1' });
      assert.equal(signer.sign('session-1'), cookie);

      // Made once: a node with an empty data folder (and the same KEK) gets the same keys.
      const fresh = { ...file, legacy: {} };
      const again = await loadMitidSecrets(
        new KeyStore(db, file.keyEncryptionKey, clock),
        fresh,
        clock,
        noOpaque,
      );
      assert.equal(again.secrets.serverSecret, old.mitidCookieKey);
      assert.equal(again.secrets.opaqueServerSetup, old.opaqueServerSetup);
    });
  });

  test(`${dialect}: a fresh store makes every key once; another KEK is refused`, async () => {
    await withKeysDb(dialect, 0, async (db) => {
      const file = loadFileSecrets(
        loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mitid-fresh-')) }),
      );
      const clock = new TestClock();
      let made = 0;
      const create = async (): Promise<string> => `setup-${++made}`;
      const first = await loadMitidSecrets(
        new KeyStore(db, file.keyEncryptionKey, clock),
        file,
        clock,
        create,
      );
      const second = await loadMitidSecrets(
        new KeyStore(db, file.keyEncryptionKey, clock),
        file,
        clock,
        create,
      );
      assert.equal(made, 1);
      assert.equal(first.secrets.opaqueServerSetup, 'setup-1');
      assert.equal(second.secrets.serverSecret, first.secrets.serverSecret);

      // A rotation made through another node reaches this one at its reload (serve.ts, each minute).
      const signer = first.secrets.cookieKey;
      assert.ok(typeof signer !== 'string');
      const before = signer.sign('flow-1');
      await rotateKey(new KeyStore(db, file.keyEncryptionKey, clock), cryptoRandom, 'cookie');
      await first.reload();
      clock.advance(ACTIVATE_AFTER_MS);
      const after = signer.sign('flow-1');
      assert.notEqual(after, before, 'the new version signs after the reload');
      assert.equal(signer.unsign(before).valid, true, 'and the old cookie still verifies');
      assert.ok((first.secrets.serverSecret ?? '').length >= 43);
      const other = loadFileSecrets(
        loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'mitid-other-')) }),
      );
      await assert.rejects(
        loadMitidSecrets(new KeyStore(db, other.keyEncryptionKey, clock), other, clock, create),
        KeyDecryptionError,
      );
      await assert.rejects(
        loadBankSecrets(new KeyStore(db, other.keyEncryptionKey, clock), other, clock),
        KeyDecryptionError,
      );
      assert.equal(made, 1);
    });
  });
}
