/**
 * ClientAdmin on both databases: a client added with its secret shown once, rotation (add a
 * secret, revoke the old one), disable and enable, the listing, and refusals that write nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogue } from '../../i18n/catalogue.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { ClientAdminError, clientAdminRefusals } from './ClientAdmin.ts';
import { configSecretId } from './configuredClients.ts';
import { BANK_SECRET, openClientsKit } from './testing/index.ts';

const refusedWith = (reason: string) => (err: unknown) =>
  err instanceof ClientAdminError && err.reason === reason;

const shop = {
  id: 'webshop',
  name: 'Webshoppen',
  permissions: ['approvals.create'],
  origin: 'https://shop.example',
};

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: an added client authenticates with the secret it was given, once read`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const { client, secret } = await k.admin.add(shop);
      assert.ok(secret);
      assert.ok(secret.secret.length >= 32);
      assert.equal(client.status, 'active');
      assert.deepEqual(client.permissions, ['approvals.create']);
      k.clock.advance(KEY_RELOAD_MS);
      assert.equal(
        (await k.registry.authenticate('webshop', secret.secret, 'approvals.create'))?.id,
        'webshop',
      );
      // Only what it was given.
      assert.equal(await k.registry.authenticate('webshop', secret.secret, 'enrollment.start'), undefined);
      assert.equal(await k.registry.authenticate('webshop', BANK_SECRET, 'approvals.create'), undefined);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: rotation: a second secret works beside the first until the first is revoked`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const first = (await k.admin.add(shop)).secret;
      assert.ok(first);
      const second = await k.admin.addSecret('webshop');
      await k.registry.reload();
      for (const s of [first.secret, second.secret]) {
        assert.equal((await k.registry.authenticate('webshop', s, 'approvals.create'))?.id, 'webshop');
      }
      await k.admin.revokeSecret('webshop', first.secretId);
      await k.registry.reload();
      assert.equal(await k.registry.authenticate('webshop', first.secret, 'approvals.create'), undefined);
      assert.equal(
        (await k.registry.authenticate('webshop', second.secret, 'approvals.create'))?.id,
        'webshop',
      );
      await assert.rejects(k.admin.revokeSecret('webshop', first.secretId), refusedWith('notFound'));
      // A secret is revoked only through its own client.
      await assert.rejects(k.admin.revokeSecret('minbank', second.secretId), refusedWith('notFound'));
      await assert.rejects(
        k.admin.revokeSecret('minbank', configSecretId('minbank')),
        refusedWith('configSecret'),
      );
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: disable stops a client; enable lets it in again`, async () => {
    const k = await openClientsKit(dialect);
    try {
      await k.admin.disable('minbank');
      await k.registry.reload();
      assert.equal(await k.registry.authenticate('minbank', BANK_SECRET, 'nemid.login'), undefined);
      assert.equal(k.registry.may((await k.registry.get('minbank')) ?? assert.fail(), 'nemid.login'), false);
      await k.admin.enable('minbank');
      await k.registry.reload();
      assert.equal((await k.registry.authenticate('minbank', BANK_SECRET, 'nemid.login'))?.id, 'minbank');
      await assert.rejects(k.admin.disable('nobody'), refusedWith('notFound'));
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: the listing shows clients and their secrets' ids, never a secret or hash`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const { secret } = await k.admin.add(shop);
      assert.ok(secret);
      const list = await k.admin.list();
      assert.deepEqual(
        list.map((c) => c.id),
        ['borger', 'minbank', 'mitid.dk', 'webshop'],
      );
      const text = JSON.stringify(list);
      const hashes = await k.database.db.selectFrom('client_secrets').select(['hash', 'sealed']).execute();
      const sealed = hashes.flatMap((h) => (h.sealed ? [h.sealed] : []));
      assert.ok(sealed.length > 0, "Min Bank's secret is also sealed (an OpenID Connect client)");
      for (const needle of [secret.secret, BANK_SECRET, ...hashes.map((h) => h.hash), ...sealed]) {
        assert.equal(text.includes(needle), false);
      }
      assert.deepEqual(
        list.find((c) => c.id === 'webshop')?.secrets.map((s) => [s.id, s.source]),
        [[secret.secretId, 'admin']],
      );
      assert.deepEqual(list.find((c) => c.id === 'mitid.dk')?.secrets, []);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: refusals write nothing`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const count = async () =>
        [
          (await k.database.db.selectFrom('clients').selectAll().execute()).length,
          (await k.database.db.selectFrom('client_secrets').selectAll().execute()).length,
        ].join('/');
      const before = await count();
      const cases: [Record<string, unknown>, string][] = [
        [{ id: 'minbank' }, 'clientExists'],
        [{ id: 'X' }, 'invalidId'],
        [{ id: 'has space' }, 'invalidId'],
        [{ name: '' }, 'invalidName'],
        [{ name: 'Shop\u202e' }, 'invalidName'],
        [{ permissions: ['everything'] }, 'unknownPermission'],
        [{ origin: 'https://shop.example/path' }, 'invalidOrigin'],
        [{ origin: 'javascript:alert(1)' }, 'invalidOrigin'],
        [{ redirectUris: ['https://shop.example/cb#frag'] }, 'invalidRedirectUri'],
        [{ redirectUris: ['/relative'] }, 'invalidRedirectUri'],
      ];
      for (const [change, reason] of cases) {
        await assert.rejects(k.admin.add({ ...shop, ...change } as typeof shop), refusedWith(reason), reason);
      }
      await assert.rejects(k.admin.addSecret('mitid.dk'), refusedWith('internalHasNoSecret'));
      await assert.rejects(k.admin.addSecret('nobody'), refusedWith('notFound'));
      assert.equal(await count(), before);
    } finally {
      await k.close();
    }
  });
}

test('every refusal has its text in Danish and English', () => {
  for (const reason of clientAdminRefusals) {
    const text = (catalogue as Record<string, { da: string; en: string } | undefined>)[
      `clients.refusal.${reason}`
    ];
    assert.ok(text?.da && text.en, reason);
  }
});
