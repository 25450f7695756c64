import assert from 'node:assert/strict';
import { test } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { MINUTE, TestClock } from '../clock.ts';
import { dialectsUnderTest } from '../db/testDb.ts';
import { cryptoRandom } from '../random.ts';
import { KeyRing } from './KeyRing.ts';
import { KeyStore } from './KeyStore.ts';
import { ACTIVATE_AFTER_MS, RETIRE_OLD_AFTER_MS } from './keyPurposes.ts';
import { ringCookieSigner } from './ringCookieSigner.ts';
import { KeyRotationRefused, rotateKey } from './rotateKey.ts';
import { newKek, withKeysDb } from './testing.ts';

/** A node: an app that sets a signed cookie and says whether the one it gets verifies. */
async function node(ring: KeyRing): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(fastifyCookie, { secret: ringCookieSigner(ring) });
  app.get('/set', async (_req, reply) => reply.setCookie('s', 'session-id-42', { signed: true }).send('ok'));
  app.get('/check', async (req) => {
    const raw = req.cookies.s;
    const u = raw ? req.unsignCookie(raw) : undefined;
    return { valid: u?.valid === true, value: u?.value ?? null };
  });
  return app;
}

async function signedCookie(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ url: '/set' });
  const cookie = res.cookies.find((c) => c.name === 's');
  assert.ok(cookie);
  return cookie.value;
}

async function verifies(app: FastifyInstance, cookie: string): Promise<boolean> {
  const res = await app.inject({ url: '/check', cookies: { s: cookie } });
  return (res.json() as { valid: boolean }).valid;
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a cookie signed before a rotation still verifies after it, on every node, until the old key retires`, async () => {
    await withKeysDb(dialect, 1, async (db, [otherDb]) => {
      assert.ok(otherDb);
      const kek = newKek();
      const clock = new TestClock();
      const storeA = new KeyStore(db, kek, clock);
      const storeB = new KeyStore(otherDb, kek, clock);
      const ringA = new KeyRing('cookie', await storeA.ensure('cookie', () => cryptoRandom.token(32)), clock);
      const ringB = new KeyRing('cookie', await storeB.ensure('cookie', () => cryptoRandom.token(32)), clock);
      const a = await node(ringA);
      const b = await node(ringB);
      const before = await signedCookie(a);
      assert.ok(await verifies(b, before), 'one key on both nodes');
      assert.equal(await verifies(b, `${before.slice(0, -2)}xx`), false, 'a tampered cookie is refused');

      const rotatedAt = clock.now().getTime();
      const v2 = await rotateKey(storeA, cryptoRandom, 'cookie');
      assert.equal(v2.version, 2);
      ringA.replace(await storeA.versions('cookie'));
      // Until it activates the new key only verifies: node B, not reloaded yet, can read what A signs.
      const stillOld = await signedCookie(a);
      assert.equal(stillOld, before, 'A still signs with version 1');
      ringB.replace(await storeB.versions('cookie')); // B's minute reload

      clock.advance(ACTIVATE_AFTER_MS);
      const after = await signedCookie(a);
      assert.notEqual(after, before, 'version 2 signs now');
      assert.equal(await signedCookie(b), after, 'on both nodes');
      assert.ok(await verifies(a, before), 'the cookie from before the rotation: nobody logged out');
      assert.ok(await verifies(b, before));
      assert.ok(await verifies(a, after));

      clock.advance(RETIRE_OLD_AFTER_MS - MINUTE);
      assert.ok(await verifies(b, before), 'still within the grace period');
      clock.advance(MINUTE);
      assert.equal(await verifies(a, before), false, 'the retired key verifies no more');
      assert.equal(await verifies(b, before), false);
      assert.ok(await verifies(b, after));
      const rows = await db.selectFrom('keys').select(['version', 'retired_at']).orderBy('version').execute();
      assert.deepEqual(
        rows.map((r) => ({ ...r })),
        [
          { version: 1, retired_at: rotatedAt + ACTIVATE_AFTER_MS + RETIRE_OLD_AFTER_MS },
          { version: 2, retired_at: null },
        ],
      );
      await a.close();
      await b.close();
    });
  });

  test(`${dialect}: two rotations at once add one version`, async () => {
    await withKeysDb(dialect, 1, async (db, [otherDb]) => {
      assert.ok(otherDb);
      const kek = newKek();
      const clock = new TestClock();
      await new KeyStore(db, kek, clock).ensure('cookie', () => cryptoRandom.token(32));
      // Both rotate from version 1, as two operators who read it at the same moment: whichever
      // statement runs first, one version lands and both report it.
      const [x, y] = await Promise.all([
        rotateKey(new KeyStore(db, kek, clock), cryptoRandom, 'cookie', { from: 1 }),
        // node:sqlite is synchronous: a second connection in this process waiting for the lock
        // would block the first one's commit, so on SQLite the two share one connection.
        rotateKey(new KeyStore(dialect === 'sqlite' ? db : otherDb, kek, clock), cryptoRandom, 'cookie', {
          from: 1,
        }),
      ]);
      assert.equal(x.version, 2);
      assert.deepEqual(x, y, 'both report the one that landed');
      assert.equal((await db.selectFrom('keys').select('version').execute()).length, 2);
    });
  });

  test(`${dialect}: the OPAQUE setup and the server secret are not rotated, and nothing is written`, async () => {
    await withKeysDb(dialect, 0, async (db) => {
      const store = new KeyStore(db, newKek(), new TestClock());
      await store.ensure('opaque-server-setup', () => 'setup');
      await store.ensure('server-secret', () => 'secret-0123456789abcdefghijklmnopqrstu');
      await assert.rejects(rotateKey(store, cryptoRandom, 'opaque-server-setup'), (err: Error) => {
        return err instanceof KeyRotationRefused && /every PIN unusable/.test(err.message);
      });
      await assert.rejects(rotateKey(store, cryptoRandom, 'server-secret'), KeyRotationRefused);
      assert.equal((await db.selectFrom('keys').select('version').execute()).length, 2);
    });
  });
}
