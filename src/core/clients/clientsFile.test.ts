/**
 * The clients file: checked whole before anything is written (a bad entry names itself and its
 * reason, never the secret), then upserted: the row as the file says, the file's secret (hashed
 * and sealed), an operator's disable kept; a changed secret replaces the old one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { ClientsFileError, loadClientsFile, parseClientsFile } from './clientsFile.ts';
import { openClientsKit } from './testing/index.ts';

const SECRET = 'shop-client-secret-from-the-file-0123456789';
const shop = {
  client_id: 'shop',
  client_name: 'Shop A/S',
  dialect: 'idura',
  client_secret: SECRET,
  redirect_uris: ['https://shop.example/cb'],
  post_logout_redirect_uris: ['https://shop.example/'],
  organisation: 'Shop Koncern',
  cpr: true,
  sso_group: 'shops',
  backchannel_logout_uri: 'https://shop.example/auth/backchannel-logout',
};

const write = (value: unknown): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'clients-file-')), 'clients.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

test('a bad file is refused whole, naming the entry and the reason, never the secret', () => {
  const cases: [unknown, RegExp][] = [
    ['{not json', /is not valid JSON/],
    [{ clients: [] }, /must be a JSON array/],
    [[shop, 7], /entry 1 must be an object/],
    [[{ ...shop, client_secret: 'short' }], /entry 0 \(shop\): A secret must be at least 32 characters/],
    [[{ ...shop, dialect: 'nets' }], /entry 0 \(shop\): The dialect must be/],
    [[{ ...shop, redirect_uris: [] }], /redirect_uris must name at least one URI/],
    [[{ ...shop, redirect_uris: ['https://shop.example/cb#x'] }], /An address must/],
    [[{ ...shop, token_endpoint_auth_method: 'private_key_jwt' }], /The keys must be public/],
    [[{ ...shop, scope: 'openid' }], /unknown member "scope"/],
    [[{ ...shop, cpr: 'yes' }], /cpr must be true or false/],
    [[{ ...shop, sso_group: 'Shops!' }], /The SSO group must be/],
    [[{ ...shop, sso_group: 7 }], /sso_group must be a string/],
    [[{ ...shop, backchannel_logout_uri: 'shop.example/bc' }], /An address must/],
    [[shop, { ...shop, client_secret: `${SECRET}x` }], /entry 1 \(shop\): the client id is given twice/],
    [[{ ...shop, client_id: 'minbank' }], /a configured client is written from the settings/],
  ];
  for (const [value, message] of cases) {
    assert.throws(
      () => parseClientsFile(typeof value === 'string' ? value : JSON.stringify(value)),
      (err: unknown) =>
        err instanceof ClientsFileError && message.test(err.message) && !err.message.includes(SECRET),
      String(message),
    );
  }
});

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the file's clients are upserted; a bad file writes nothing; a disable survives`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const rows = async () =>
        JSON.stringify([
          await k.database.db.selectFrom('clients').selectAll().orderBy('id').execute(),
          await k.database.db.selectFrom('client_secrets').selectAll().orderBy('id').execute(),
        ]);
      const before = await rows();
      await assert.rejects(
        loadClientsFile(write([shop, { ...shop, client_id: 'other', dialect: 'x' }]), k.admin),
        ClientsFileError,
      );
      await assert.rejects(loadClientsFile('/nonexistent/clients.json', k.admin), /cannot be read/);
      assert.equal(await rows(), before, 'nothing written');

      assert.equal(await loadClientsFile(write([shop]), k.admin), 1);
      await k.registry.reload();
      const c = await k.registry.get('shop');
      assert.equal(c?.dialect, 'idura');
      assert.deepEqual([...(c?.permissions ?? [])].sort(), ['oidc.cpr', 'oidc.login']);
      assert.equal(c?.oidc.organisation, 'Shop Koncern');
      assert.equal(c?.oidc.ssoGroup, 'shops');
      assert.equal(c?.oidc.backchannelLogoutUri, 'https://shop.example/auth/backchannel-logout');
      assert.equal((await k.registry.authenticate('shop', SECRET, 'oidc.login'))?.id, 'shop');
      assert.equal(await k.registry.sealedSecret('shop'), SECRET);
      const dump = await rows();
      assert.equal(dump.includes(SECRET), false, 'the secret is kept only hashed and sealed');

      // The operator disables it; the next start's file changes the secret and the name.
      await k.admin.disable('shop');
      const NEW = `${SECRET}-rotated`;
      await loadClientsFile(write([{ ...shop, client_name: 'Shop ApS', client_secret: NEW }]), k.admin);
      await k.registry.reload();
      const again = await k.registry.get('shop');
      assert.equal(again?.name, 'Shop ApS');
      assert.equal(again?.status, 'disabled');
      await k.admin.enable('shop');
      await k.registry.reload();
      assert.equal(
        await k.registry.authenticate('shop', SECRET, 'oidc.login'),
        undefined,
        'the old secret is replaced',
      );
      assert.equal((await k.registry.authenticate('shop', NEW, 'oidc.login'))?.id, 'shop');
    } finally {
      await k.close();
    }
  });
}
