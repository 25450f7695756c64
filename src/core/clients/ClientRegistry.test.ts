/**
 * The client registry on both databases: the rows 0019 and configuredClients make, secret
 * authentication (exact secret, active client, not internal, the permission asked for), the URL
 * rules, and what a start does to the settings' secret.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { basicAuthHeader } from '../../platform/http/basicAuth.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { returnUrlAllowed } from './Client.ts';
import { configSecretId } from './configuredClients.ts';
import { BANK_SECRET, openClientsKit } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the configured clients, with the settings' origin, URIs and secret`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const bank = await k.registry.get('minbank');
      assert.ok(bank);
      assert.equal(bank.name, 'Min Bank');
      assert.equal(bank.status, 'active');
      assert.deepEqual([...bank.permissions].sort(), [
        'approvals.create',
        'enrollment.start',
        'enrollment.status',
        'nemid.login',
        'oidc.ciba',
        'oidc.login',
      ]);
      // A private service (decision 0013 §1): the CPR number only through a CPR match.
      assert.equal(bank.origin, k.config.bankUrl);
      assert.deepEqual(bank.redirectUris, [
        `${k.config.bankUrl}/auth/nemid/callback`,
        `${k.config.bankUrl}/auth/mitid/callback`,
      ]);
      // Also an OpenID Connect client (Signaturgruppen's dialect), its secret sealed for HS256.
      assert.equal(bank.dialect, 'signaturgruppen');
      assert.deepEqual(bank.oidc.postLogoutRedirectUris, [`${k.config.bankUrl}/`]);
      assert.equal(bank.oidc.organisation, 'minbank');
      assert.equal(await k.registry.sealedSecret('minbank'), BANK_SECRET);
      const borger = await k.registry.get('borger');
      assert.equal(borger?.dialect, 'idura');
      assert.deepEqual(
        borger?.permissions,
        ['oidc.login', 'oidc.cpr'],
        'Borger shows the CPR number (scope ssn)',
      );
      assert.deepEqual(borger?.redirectUris, [`${k.config.borgerUrl}/auth/callback`]);
      assert.equal(bank.homeUrl, `${k.config.bankUrl}/`);
      assert.equal(bank.internal, false);
      const dk = await k.registry.get('mitid.dk');
      assert.ok(dk);
      assert.equal(dk.internal, true);
      assert.deepEqual(dk.permissions, ['nemid.login']);
      assert.deepEqual(dk.redirectUris, [`${k.config.mitidUrl}/tilmelding/nemid-retur`]);
      assert.equal(dk.dialect, null);
      assert.equal(await k.registry.sealedSecret('mitid.dk'), undefined);
      assert.equal(await k.registry.get('nobody'), undefined);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: only the exact secret of an active client with the permission authenticates`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const r = k.registry;
      assert.equal((await r.authenticate('minbank', BANK_SECRET, 'approvals.create'))?.id, 'minbank');
      assert.equal(
        (await r.authenticateBasic(basicAuthHeader('minbank', BANK_SECRET), 'nemid.login'))?.id,
        'minbank',
      );
      assert.equal(await r.authenticate('minbank', `${BANK_SECRET}x`, 'approvals.create'), undefined);
      assert.equal(await r.authenticate('minbank', BANK_SECRET.slice(0, -1), 'approvals.create'), undefined);
      assert.equal(await r.authenticate('minbank', '', 'approvals.create'), undefined);
      assert.equal(await r.authenticate('MINBANK', BANK_SECRET, 'approvals.create'), undefined);
      assert.equal(await r.authenticate('nobody', BANK_SECRET, 'approvals.create'), undefined);
      // The same secret under another client's id is another hash.
      assert.equal(await r.authenticate('mitid.dk', BANK_SECRET, 'nemid.login'), undefined);
      assert.equal(await r.authenticate('mitid.dk', '', 'nemid.login'), undefined);
      for (const header of [
        undefined,
        '',
        'Bearer x',
        'Basic !!!',
        `Basic ${Buffer.from('minbank').toString('base64')}`,
      ]) {
        assert.equal(await r.authenticateBasic(header, 'approvals.create'), undefined, String(header));
      }
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: a new BANK_CLIENT_SECRET replaces the old one at the next start, in one row`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const before = await k.database.db.selectFrom('client_secrets').selectAll().execute();
      await k.configure(); // the same secret again: the row stays as it was
      assert.deepEqual(await k.database.db.selectFrom('client_secrets').selectAll().execute(), before);
      const next = 'another-bank-client-secret-0123456789-abcdef';
      k.clock.advance(5000);
      await k.configure(next);
      const rows = await k.database.db.selectFrom('client_secrets').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.id, configSecretId('minbank'));
      assert.equal(rows[0]?.source, 'config');
      assert.notEqual(rows[0]?.hash, before[0]?.hash);
      await k.registry.reload();
      assert.equal(await k.registry.authenticate('minbank', BANK_SECRET, 'nemid.login'), undefined);
      assert.equal((await k.registry.authenticate('minbank', next, 'nemid.login'))?.id, 'minbank');
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: a start keeps a client an operator disabled disabled`, async () => {
    const k = await openClientsKit(dialect);
    try {
      await k.admin.disable('minbank');
      await k.configure();
      await k.registry.reload();
      assert.equal((await k.registry.get('minbank'))?.status, 'disabled');
      assert.equal(await k.registry.authenticate('minbank', BANK_SECRET, 'nemid.login'), undefined);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: an expired secret no longer authenticates`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const now = k.clock.now().getTime();
      const made = await k.admin.addSecret('minbank', { expiresAt: now + 10_000 });
      await k.registry.reload();
      assert.equal((await k.registry.authenticate('minbank', made.secret, 'nemid.login'))?.id, 'minbank');
      k.clock.advance(10_000);
      assert.equal(await k.registry.authenticate('minbank', made.secret, 'nemid.login'), undefined);
      assert.equal((await k.registry.authenticate('minbank', BANK_SECRET, 'nemid.login'))?.id, 'minbank');
      k.clock.advance(KEY_RELOAD_MS);
      assert.equal(await k.registry.authenticate('minbank', made.secret, 'nemid.login'), undefined);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: the sealed secret, opened once, follows a new secret, its expiry and its revocation`, async () => {
    const k = await openClientsKit(dialect);
    try {
      assert.equal(await k.registry.sealedSecret('minbank'), BANK_SECRET);
      assert.equal(
        await k.registry.sealedSecret('minbank'),
        BANK_SECRET,
        'the second look-up, from the cache',
      );
      k.clock.advance(1000); // "newest" is by creation time
      const now = k.clock.now().getTime();
      const made = await k.admin.addSecret('minbank', { expiresAt: now + 10_000 });
      await k.registry.reload();
      assert.equal(await k.registry.sealedSecret('minbank'), made.secret, 'the newest live secret');
      k.clock.advance(10_000);
      assert.equal(await k.registry.sealedSecret('minbank'), BANK_SECRET, 'expired: the older one again');
      k.clock.advance(1000);
      const other = await k.admin.addSecret('minbank');
      await k.registry.reload();
      assert.equal(await k.registry.sealedSecret('minbank'), other.secret);
      await k.admin.revokeSecret('minbank', other.secretId);
      await k.registry.reload();
      assert.equal(await k.registry.sealedSecret('minbank'), BANK_SECRET, 'revoked: never from the cache');
    } finally {
      await k.close();
    }
  });
}

test('redirect URIs match exactly; return URLs on the origin only', async () => {
  const k = await openClientsKit('sqlite');
  try {
    const bank = await k.registry.get('minbank');
    assert.ok(bank);
    const cb = `${k.config.bankUrl}/auth/nemid/callback`;
    assert.equal(k.registry.redirectUriAllowed(bank, cb), true);
    for (const bad of [
      `${cb}/`,
      `${cb}?x=1`,
      `${cb}#x`,
      cb.toUpperCase(),
      cb.replace('http:', 'https:'),
      '',
    ]) {
      assert.equal(k.registry.redirectUriAllowed(bank, bad), false, bad);
    }
    const origin = new URL(k.config.bankUrl);
    assert.equal(k.registry.returnUrlAllowed(bank, `${origin.origin}/any/path?q=1`), true);
    const otherPort = `${origin.protocol}//${origin.hostname}:${Number(origin.port) + 1}/`;
    for (const bad of [
      otherPort,
      `https://${origin.host}/`,
      `${origin.protocol}//evil.example/`,
      `${origin.protocol}//${origin.host}.evil.example/`,
      'not a url',
      '/relative',
    ]) {
      assert.equal(k.registry.returnUrlAllowed(bank, bad), false, bad);
    }
    // A client without an origin (MitID.dk) has no return URL at all.
    const dk = await k.registry.get('mitid.dk');
    assert.ok(dk);
    assert.equal(returnUrlAllowed(dk, `${k.config.mitidUrl}/`), false);
  } finally {
    await k.close();
  }
});
