/**
 * Two nodes, one database: each has its own registry (its own connection); a client disabled
 * through one node stops on the other within a minute (KEY_RELOAD_MS), measured with the injected
 * clock; a client added through one is found by the other at its first lookup, and a run of
 * lookups of unknown ids reads the database at most once a second.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { ClientAdmin } from './ClientAdmin.ts';
import { ClientRegistry, MISS_RELOAD_MS } from './ClientRegistry.ts';
import { BANK_SECRET, openClientsKit } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: disabled through one node, refused through the other within a minute`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const other = await k.otherConnection();
      const nodeB = await ClientRegistry.load({ db: other.db, clock: k.clock, key: k.key });
      assert.equal((await nodeB.authenticate('minbank', BANK_SECRET, 'approvals.create'))?.id, 'minbank');
      k.clock.advance(1000);
      await k.admin.disable('minbank'); // through node A's connection
      k.clock.advance(KEY_RELOAD_MS - 1001);
      // Still in node B's copy: the documented lag (docs/security.md), never longer.
      assert.equal((await nodeB.authenticate('minbank', BANK_SECRET, 'approvals.create'))?.id, 'minbank');
      k.clock.advance(1);
      assert.equal(await nodeB.authenticate('minbank', BANK_SECRET, 'approvals.create'), undefined);
      assert.equal((await nodeB.get('minbank'))?.status, 'disabled');
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: a revoked secret stops on the other node within a minute`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const other = await k.otherConnection();
      const extra = await k.admin.addSecret('minbank');
      const nodeB = await ClientRegistry.load({ db: other.db, clock: k.clock, key: k.key });
      assert.equal((await nodeB.authenticate('minbank', extra.secret, 'nemid.login'))?.id, 'minbank');
      await k.admin.revokeSecret('minbank', extra.secretId);
      k.clock.advance(KEY_RELOAD_MS);
      assert.equal(await nodeB.authenticate('minbank', extra.secret, 'nemid.login'), undefined);
      assert.equal((await nodeB.authenticate('minbank', BANK_SECRET, 'nemid.login'))?.id, 'minbank');
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: a client added through one node is found by the other; misses read at most once a second`, async () => {
    const k = await openClientsKit(dialect);
    try {
      const other = await k.otherConnection();
      const nodeB = await ClientRegistry.load({ db: other.db, clock: k.clock, key: k.key });
      const adminA = new ClientAdmin({ db: k.database.db, clock: k.clock, random: cryptoRandom, key: k.key });
      const { secret } = await adminA.add({
        id: 'shop-1',
        name: 'Shop 1',
        permissions: ['approvals.create'],
      });
      assert.ok(secret);
      // Node B read its copy this very millisecond: a miss does not read again yet.
      assert.equal(await nodeB.get('shop-1'), undefined);
      k.clock.advance(MISS_RELOAD_MS);
      assert.equal((await nodeB.get('shop-1'))?.name, 'Shop 1');
      // Another client, looked up twice within the second after that read: neither reads again.
      await adminA.add({ id: 'shop-2', name: 'Shop 2', permissions: ['approvals.create'] });
      k.clock.advance(MISS_RELOAD_MS - 1);
      assert.equal(await nodeB.get('shop-2'), undefined);
      assert.equal(await nodeB.get('shop-2'), undefined);
      k.clock.advance(1);
      assert.equal((await nodeB.get('shop-2'))?.name, 'Shop 2');
      // Authentication never waits for a miss's read: the first call is refused, the read it
      // started afterwards lets the next one in.
      const { secret: s3 } = await adminA.add({
        id: 'shop-3',
        name: 'Shop 3',
        permissions: ['approvals.create'],
      });
      assert.ok(s3);
      k.clock.advance(MISS_RELOAD_MS);
      assert.equal(await nodeB.authenticate('shop-3', s3.secret, 'approvals.create'), undefined);
      await new Promise((resolve) => setImmediate(resolve));
      await nodeB.reload(); // joins the read the miss started (or reads once more)
      assert.equal((await nodeB.authenticate('shop-3', s3.secret, 'approvals.create'))?.id, 'shop-3');
    } finally {
      await k.close();
    }
  });
}
