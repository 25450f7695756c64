/**
 * createPassword and changePassword (passwords.ts), on both databases: a refused password writes
 * nothing; a made one is an active authenticator of kind password with an Argon2id hash at
 * OWASP's parameters and never the password; one per identity; a change replaces the hash and
 * clears the counters, and is refused for a person without a password.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { verifyPassword } from './passwordHash.ts';
import { changePassword, createPassword } from './passwords.ts';
import { withPasswords } from './testing/index.ts';

const PW = 'Sommer-i-Skagen-2026';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: createPassword checks the rules first, then activates the authenticator and its row`, async () => {
    await withPasswords(dialect, 2, async ({ db, identityIds: [id = ''], authenticators, clock, events }) => {
      const refused = await db.transaction().execute((trx) =>
        createPassword(trx, authenticators, {
          identityId: id,
          userId: 'authn-user-0',
          password: 'xauthn-user-0x',
          now: clock.now,
        }),
      );
      assert.deepEqual(refused, {
        ok: false,
        code: 'password_rules',
        problems: ['password.rule.containsUserId'],
      });
      assert.equal(
        (await db.selectFrom('authenticators').selectAll().execute()).length,
        0,
        'nothing written',
      );
      assert.equal(events.length, 0);

      const made = await db.transaction().execute((trx) =>
        createPassword(trx, authenticators, {
          identityId: id,
          userId: 'authn-user-0',
          password: PW,
          now: clock.now,
        }),
      );
      assert.ok(made.ok);
      const a = await authenticators.get(made.authenticatorId);
      assert.equal(a?.kind, 'password');
      assert.equal(a?.status, 'active');
      assert.equal(a?.label, 'Adgangskode');
      assert.deepEqual(a?.factors, ['knowledge']);
      const row = await db.selectFrom('passwords').selectAll().executeTakeFirstOrThrow();
      assert.match(row.hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.equal(row.hash.includes(PW), false);
      assert.ok(await verifyPassword(row.hash, PW));
      assert.deepEqual(events, ['authenticator.activated']);

      const second = await db.transaction().execute((trx) =>
        createPassword(trx, authenticators, {
          identityId: id,
          userId: 'authn-user-0',
          password: `${PW}!`,
          now: clock.now,
        }),
      );
      assert.deepEqual(second, { ok: false, code: 'ERR_TOO_MANY_AUTHENTICATORS' });
      assert.equal((await db.selectFrom('passwords').selectAll().execute()).length, 1);
    });
  });

  test(`${dialect}: a rolled-back activation leaves no password; NFC: a + ring verifies as å`, async () => {
    await withPasswords(dialect, 1, async ({ db, identityIds: [id = ''], authenticators, clock }) => {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await createPassword(trx, authenticators, {
            identityId: id,
            userId: 'authn-user-0',
            password: PW,
            now: clock.now,
          });
          throw new Error('the device part failed');
        }),
      );
      assert.equal((await db.selectFrom('passwords').selectAll().execute()).length, 0);
      assert.equal((await db.selectFrom('authenticators').selectAll().execute()).length, 0);
      await db.transaction().execute((trx) =>
        createPassword(trx, authenticators, {
          identityId: id,
          userId: 'authn-user-0',
          password: 'Blåbærgrød-2026',
          now: clock.now,
        }),
      );
      const row = await db.selectFrom('passwords').selectAll().executeTakeFirstOrThrow();
      assert.ok(await verifyPassword(row.hash, 'Bla\u030abærgrød-2026'));
    });
  });

  test(`${dialect}: changePassword replaces the hash and clears the counters; no password: refused`, async () => {
    await withPasswords(
      dialect,
      2,
      async ({ db, identityIds: [id = '', other = ''], withPassword, clock }) => {
        const a = await withPassword(0, PW);
        await db
          .updateTable('passwords')
          .set({ failures: 5, blocked_until: clock.now + 1000 })
          .execute();
        clock.now += 60_000;
        const bad = await db.transaction().execute((trx) =>
          changePassword(trx, {
            identityId: id,
            userId: 'authn-user-0',
            password: 'short',
            now: clock.now,
          }),
        );
        assert.deepEqual(bad, { ok: false, code: 'password_rules', problems: ['password.rule.tooShort'] });
        const changed = await db.transaction().execute((trx) =>
          changePassword(trx, {
            identityId: id,
            userId: 'authn-user-0',
            password: 'Vinter-på-Fanø-2027',
            now: clock.now,
          }),
        );
        assert.deepEqual(changed, { ok: true });
        const row = await db
          .selectFrom('passwords')
          .selectAll()
          .where('authenticator_id', '=', a.id)
          .executeTakeFirstOrThrow();
        assert.equal(Number(row.failures), 0);
        assert.equal(row.blocked_until, null);
        assert.equal(Number(row.changed_at), clock.now);
        assert.ok(await verifyPassword(row.hash, 'Vinter-på-Fanø-2027'));
        assert.equal(await verifyPassword(row.hash, PW), false);
        const none = await db.transaction().execute((trx) =>
          changePassword(trx, {
            identityId: other,
            userId: 'authn-user-1',
            password: 'Vinter-på-Fanø-2027',
            now: clock.now,
          }),
        );
        assert.deepEqual(none, { ok: false, code: 'no_password' });
      },
    );
  });
}
