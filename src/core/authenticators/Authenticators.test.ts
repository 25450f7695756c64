/**
 * Authenticators on both databases: the per-kind limit holds against racing activations, a kind
 * excludes another, block/unblock of one and of all are compare-and-set, unblocking the MitID does
 * not reopen an authenticator blocked on its own, revoked is final, and each change emits its hook
 * in its transaction (a throwing hook leaves nothing).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { withAuthenticators } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: four racing app activations, three win, the fourth is refused`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id], authenticators }) => {
      assert.ok(id);
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          db.transaction().execute((trx) =>
            authenticators.activate(trx, {
              id: `dev-${n}`,
              identityId: id,
              kind: 'app',
              label: `Phone ${n}`,
            }),
          ),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 3);
      assert.deepEqual(
        results.filter((r) => !r.ok),
        [{ ok: false, code: 'ERR_TOO_MANY_AUTHENTICATORS' }],
      );
      assert.equal(await authenticators.countActive(id, 'app'), 3);
      const listed = await authenticators.listFor(id, 'app');
      assert.equal(listed.length, 3);
      assert.deepEqual(listed[0]?.factors, ['possession', 'knowledge', 'inherence']);
      assert.equal(listed[0]?.maxLevel, 'high');
    });
  });

  test(`${dialect}: a code display excludes a code reader, and a revoked identity activates nothing`, async () => {
    await withAuthenticators(dialect, 2, async ({ db, identityIds: [a, b], authenticators }) => {
      assert.ok(a && b);
      const act = (identityId: string, kind: 'codeDisplay' | 'codeReader', n: string) =>
        db
          .transaction()
          .execute((trx) => authenticators.activate(trx, { id: n, identityId, kind, label: n }));
      assert.deepEqual(await act(a, 'codeDisplay', 'cd-1'), { ok: true });
      assert.deepEqual(await act(a, 'codeReader', 'cr-1'), { ok: false, code: 'ERR_NOT_ACTIVATABLE' });
      await db.updateTable('identities').set({ status: 'revoked' }).where('id', '=', b).execute();
      assert.deepEqual(await act(b, 'codeDisplay', 'cd-2'), { ok: false, code: 'ERR_NOT_ACTIVATABLE' });
      assert.equal((await authenticators.listFor(b)).length, 0);
    });
  });

  test(`${dialect}: a throwing activation hook leaves no authenticator`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id], authenticators, hooks }) => {
      assert.ok(id);
      hooks.on('authenticator.activated', async () => {
        throw new Error('enrollment could not finish');
      });
      await assert.rejects(
        db
          .transaction()
          .execute((trx) =>
            authenticators.activate(trx, { id: 'dev-x', identityId: id, kind: 'app', label: 'x' }),
          ),
        /enrollment could not finish/,
      );
      assert.equal(await authenticators.get('dev-x'), undefined);
    });
  });

  test(`${dialect}: block and unblock one, and all, compare-and-set, with their hooks`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id], authenticators, events }) => {
      assert.ok(id);
      for (const n of ['d1', 'd2']) {
        await db
          .transaction()
          .execute((trx) => authenticators.activate(trx, { id: n, identityId: id, kind: 'app', label: n }));
      }
      await db.updateTable('identities').set({ status: 'active' }).where('id', '=', id).execute();
      events.length = 0;
      const [first, second] = await Promise.all([
        authenticators.block({ authenticatorId: 'd1' }, 'support:1', 'lost'),
        authenticators.block({ authenticatorId: 'd1' }, 'support:2', 'lost'),
      ]);
      assert.equal(Number(first) + Number(second), 1, 'one of two blocks changes something');
      const d1 = await authenticators.get('d1');
      assert.equal(d1?.status, 'blocked');
      assert.equal(d1?.blockedReason, 'lost');
      assert.ok(await authenticators.block({ identityId: id, all: true }, id, 'person'));
      assert.equal(await authenticators.block({ identityId: id, all: true }, id, 'person'), false);
      assert.ok(await authenticators.unblock({ identityId: id, all: true }, 'support:1'));
      // The MitID is open again; d1, blocked on its own, stays blocked.
      assert.equal((await authenticators.get('d1'))?.status, 'blocked');
      assert.equal((await authenticators.get('d2'))?.status, 'active');
      assert.ok(await authenticators.unblock({ authenticatorId: 'd1' }, 'support:1'));
      assert.equal((await authenticators.get('d1'))?.blockedReason, null);
      assert.deepEqual(events, [
        'authenticator.blocked',
        'identity.blocked',
        'identity.unblocked',
        'authenticator.unblocked',
      ]);
    });
  });

  test(`${dialect}: revoked is final`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id], authenticators }) => {
      assert.ok(id);
      await db
        .transaction()
        .execute((trx) =>
          authenticators.activate(trx, { id: 'd1', identityId: id, kind: 'app', label: 'd1' }),
        );
      assert.ok(await authenticators.revoke('d1', id));
      assert.equal(await authenticators.revoke('d1', id), false);
      assert.equal(await authenticators.block({ authenticatorId: 'd1' }, id, 'person'), false);
      assert.equal(await authenticators.unblock({ authenticatorId: 'd1' }, id), false);
      assert.equal((await authenticators.get('d1'))?.status, 'revoked');
    });
  });
}
