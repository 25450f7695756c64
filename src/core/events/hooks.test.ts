/**
 * The hook bus: hooks run in registration order on the change's transaction, `when` decides
 * before anything runs, nothing wanted means no transaction, and a throwing hook rolls the change
 * (and the hooks before it) back. On a real database, both dialects.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dbStatements } from '../../platform/db/database.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { openMitidTestDb } from '../people/testing/index.ts';
import { createHooks, inTransactionIfWanted } from './hooks.ts';

const event = { identityId: 'i1', at: 1, by: 'system' } as const;

test('hooks run in registration order, only those that want the event', async () => {
  const hooks = createHooks();
  const ran: string[] = [];
  hooks.on('identity.unblocked', async () => void ran.push('a'));
  hooks.on(
    'identity.unblocked',
    async () => void ran.push('b'),
    (e) => e.identityId === 'other',
  );
  hooks.on('identity.unblocked', async () => void ran.push('c'));
  assert.equal(hooks.wants('identity.unblocked', event), true);
  assert.equal(hooks.wants('identity.blocked', { ...event, reason: 'person' }), false);
  await hooks.emit({} as never, 'identity.unblocked', event);
  assert.deepEqual(ran, ['a', 'c']);
});

async function statementsOf(name: string): Promise<number> {
  const { values } = await dbStatements.get();
  return values.find((v) => v.labels.database === name)?.value ?? 0;
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a throwing hook rolls the change and the hooks before it back`, async () => {
    const database = await openMitidTestDb(dialect);
    try {
      const { db } = database;
      const hooks = createHooks();
      const write = (key: string) => async (trx: typeof db) => {
        await trx
          .insertInto('rate_counters')
          .values({ scope: 'hook-test', key, window_start: 0, hits: 1, expires_at: 1 })
          .execute();
      };
      hooks.on('identity.unblocked', write('first-hook'));
      hooks.on('identity.unblocked', async () => {
        throw new Error('hook failed');
      });
      await assert.rejects(
        inTransactionIfWanted(db, hooks.wants('identity.unblocked', event), async (on) => {
          await write('change')(on);
          await hooks.emit(on, 'identity.unblocked', event);
        }),
        /hook failed/,
      );
      const rows = await db
        .selectFrom('rate_counters')
        .selectAll()
        .where('scope', '=', 'hook-test')
        .execute();
      assert.deepEqual(rows, []);
    } finally {
      await database.close();
    }
  });

  test(`${dialect}: nothing wanted runs the change as its one statement, without BEGIN/COMMIT`, async () => {
    const database = await openMitidTestDb(dialect);
    try {
      const { db } = database;
      const hooks = createHooks();
      hooks.on(
        'identity.unblocked',
        async () => assert.fail('not wanted'),
        () => false,
      );
      const before = await statementsOf(database.name);
      await inTransactionIfWanted(db, hooks.wants('identity.unblocked', event), async (on, inTrx) => {
        assert.equal(inTrx, false);
        await on
          .insertInto('rate_counters')
          .values({ scope: 'hook-test', key: 'k', window_start: 0, hits: 1, expires_at: 1 })
          .execute();
        await hooks.emit(on, 'identity.unblocked', event);
      });
      assert.equal((await statementsOf(database.name)) - before, 1);
    } finally {
      await database.close();
    }
  });
}
