import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClock } from '../clock.ts';
import { dialectsUnderTest } from '../db/testDb.ts';
import { KeyDecryptionError, KeyStore } from './KeyStore.ts';
import { decryptKey } from './keyEncryption.ts';
import { newKek, withKeysDb } from './testing.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: four nodes making the same key at the same moment all end up with one key`, async () => {
    await withKeysDb(dialect, 3, async (db, others) => {
      const kek = newKek();
      const clock = new TestClock();
      const made: string[] = [];
      // Every node is past its "is there one?" read before any inserts: each waits until all four
      // have found none (on a busy machine a fixed pause is not enough), or 5 s.
      let allFoundNone = (): void => {};
      const barrier = new Promise<void>((resolve) => {
        allFoundNone = resolve;
        setTimeout(resolve, 5000).unref();
      });
      const results = await Promise.all(
        [db, ...others].map((handle, i) =>
          new KeyStore(handle, kek, clock).ensure('cookie', async () => {
            const secret = `secret-of-node-${i}-0123456789abcdef`;
            made.push(secret);
            if (made.length === 4) allFoundNone();
            await barrier;
            return secret;
          }),
        ),
      );
      assert.equal(made.length, 4, 'every node found no key and made one');
      const winners = new Set(results.map((versions) => versions.map((v) => v.secret).join()));
      assert.equal(winners.size, 1, 'all four hold the same key');
      assert.ok(made.includes(results[0]?.[0]?.secret ?? ''));
      const rows = await db.selectFrom('keys').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.version, 1);
      // A later start reads it and makes nothing.
      const later = await new KeyStore(db, kek, clock).ensure('cookie', () => assert.fail('made again'));
      assert.equal(later[0]?.secret, results[0]?.[0]?.secret);
    });
  });

  test(`${dialect}: the table holds ciphertext only, bound to its purpose and version`, async () => {
    await withKeysDb(dialect, 0, async (db) => {
      const kek = newKek();
      const store = new KeyStore(db, kek, new TestClock());
      const secret = 'the-plain-cookie-key-0123456789abcdefghij';
      await store.ensure('cookie', () => secret);
      const setup = 'an OPAQUE server setup of some length, kept secret';
      await store.ensure('opaque-server-setup', () => setup);
      const rows = await db.selectFrom('keys').selectAll().orderBy('purpose').execute();
      const dump = JSON.stringify(rows);
      for (const plain of [secret, setup]) {
        for (const form of [
          plain,
          Buffer.from(plain).toString('base64'),
          Buffer.from(plain).toString('base64url'),
          Buffer.from(plain).toString('hex'),
        ]) {
          assert.ok(!dump.includes(form), `no ${form} in the table`);
        }
      }
      const cookieRow = rows.find((r) => r.purpose === 'cookie');
      assert.ok(cookieRow);
      assert.equal(decryptKey(kek, 'cookie', 1, cookieRow.material), secret);
      // The same ciphertext moved to another purpose or version does not open.
      assert.equal(decryptKey(kek, 'opaque-server-setup', 1, cookieRow.material), undefined);
      assert.equal(decryptKey(kek, 'cookie', 2, cookieRow.material), undefined);
      await db
        .updateTable('keys')
        .set({ material: cookieRow.material })
        .where('purpose', '=', 'opaque-server-setup')
        .execute();
      await assert.rejects(store.versions('opaque-server-setup'), KeyDecryptionError);
    });
  });

  test(`${dialect}: a node with another key-encryption key is refused and writes nothing`, async () => {
    await withKeysDb(dialect, 1, async (db, [other]) => {
      assert.ok(other);
      const clock = new TestClock();
      await new KeyStore(db, newKek(), clock).ensure('cookie', () => 'first-node-key-0123456789abcdefghij');
      const before = await db.selectFrom('keys').selectAll().execute();
      const wrong = new KeyStore(other, newKek(), clock);
      await assert.rejects(
        wrong.ensure('cookie', () => assert.fail('a wrong KEK must not make a new key')),
        (err: Error) =>
          err instanceof KeyDecryptionError &&
          /KEY_ENCRYPTION_KEY/.test(err.message) &&
          /same KEY_ENCRYPTION_KEY/.test(err.message) &&
          !err.message.includes('first-node-key'),
      );
      await assert.rejects(wrong.rotate('cookie', () => 'x', { activateAfterMs: 0, retireOldAfterMs: 0 }));
      assert.deepEqual(await db.selectFrom('keys').selectAll().execute(), before);
    });
  });
}

test('the key-encryption key must be 32 bytes', () => {
  assert.throws(() => new KeyStore({ withTables: null }, Buffer.alloc(16), new TestClock()), /32 bytes/);
});
