/**
 * The storage contract: the same suite runs on the embedded SQLite database and on PostgreSQL
 * (required in CI). Each store port of the platform and of Min Bank is exercised here; the stores
 * of the MitID parts run their own suites on both dialects beside their code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest, openTestDatabase } from './platform/db/testDb.ts';
import { SessionStore } from './platform/http/session.ts';
import { CustomerStore } from './services/bank/customerStore.ts';
import { bankMigrations } from './services/bank/db/migrations.ts';
import type { BankDb } from './services/bank/db/schema.ts';

const dialects = await dialectsUnderTest();

for (const dialect of dialects) {
  describe(`storage contract on ${dialect}`, () => {
    test('sessions: put, get, replace, expire, delete, purge', async () => {
      const database = await openTestDatabase<BankDb>(dialect, bankMigrations);
      try {
        const store = new SessionStore(database.db);
        await store.put('id-1', { a: 1 }, 1000, 2000);
        assert.deepEqual(await store.get('id-1', 1500), { a: 1 });
        await store.put('id-1', { a: 2 }, 1000, 3000);
        assert.deepEqual(await store.get('id-1', 2500), { a: 2 });
        assert.equal(await store.get('id-1', 3000), undefined, 'expired at expires_at');
        assert.equal(await store.get('unknown', 0), undefined);
        await store.put('id-2', { b: 'æøå' }, 1000, 5000);
        assert.equal(await store.purgeExpired(4000), 1);
        assert.deepEqual(await store.get('id-2', 4000), { b: 'æøå' });
        await store.delete('id-2');
        assert.equal(await store.get('id-2', 4000), undefined);
      } finally {
        await database.close();
      }
    });

    test('sessions: the stored key is a hash, never the cookie value', async () => {
      const database = await openTestDatabase<BankDb>(dialect, bankMigrations);
      try {
        await new SessionStore(database.db).put('plain-session-id', {}, 0, 10);
        const rows = await database.db.selectFrom('sessions').select('id_hash').execute();
        assert.equal(rows.length, 1);
        assert.notEqual(rows[0]?.id_hash, 'plain-session-id');
      } finally {
        await database.close();
      }
    });

    test('customers: created with accounts in one transaction; a failure leaves nothing', async () => {
      const database = await openTestDatabase<BankDb>(dialect, bankMigrations);
      try {
        const store = new CustomerStore(database.db);
        let n = 0;
        const id = () => `acc-${++n}`;
        const jonas = await store.create(
          {
            cpr: '1505831017',
            name: 'Jonas Jensen',
            mitidTurnAt: 1000,
            mitidDeadlineAt: 2000,
            accounts: [
              { name: 'Løn', regNo: '9999', accountNo: '1', balanceOre: 12_345 },
              { name: 'Opsparing', regNo: '9999', accountNo: '2', balanceOre: 9_007_199_254_740 },
            ],
          },
          500,
          id,
        );
        assert.equal(jonas.customer_no, '100001');
        const got = await store.getByCpr('1505831017');
        assert.equal(got?.mitid_deadline_at, 2000);
        const accounts = await store.accounts('1505831017');
        assert.deepEqual(
          accounts.map((a) => [a.account_no, a.balance_ore]),
          [
            ['1', 12_345],
            ['2', 9_007_199_254_740],
          ],
        );
        // The second account collides with Jonas' account number: the whole customer is rolled back.
        await assert.rejects(
          store.create(
            {
              cpr: '0202612046',
              name: 'Karen Hansen',
              mitidTurnAt: null,
              mitidDeadlineAt: null,
              accounts: [
                { name: 'Ny', regNo: '9999', accountNo: '3', balanceOre: 0 },
                { name: 'Dublet', regNo: '9999', accountNo: '1', balanceOre: 0 },
              ],
            },
            500,
            id,
          ),
        );
        assert.equal(await store.getByCpr('0202612046'), undefined);
        assert.equal((await store.accounts('0202612046')).length, 0);
        assert.equal(await store.count(), 1);
      } finally {
        await database.close();
      }
    });
  });
}
