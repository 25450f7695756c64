/**
 * TransferStore on both databases: a booking is all of it or nothing. Two nodes booking the same
 * transfer at once book it once; the same jti books once; a spent balance rolls the whole booking
 * back; a transfer that has moved cannot be declined or booked again; the expiry marks only the
 * stale ones.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from '../../../platform/db/testDb.ts';
import { CustomerStore } from '../customerStore.ts';
import { bankMigrations } from '../db/migrations.ts';
import type { BankDb } from '../db/schema.ts';
import { paymentDetails } from './paymentDetails.ts';
import { APPROVAL_WINDOW_MS, type Transfer, TransferStore } from './TransferStore.ts';

const CPR = '0101901234';
const NOW = 1_780_000_000_000;

for (const dialect of await dialectsUnderTest()) {
  describe(`TransferStore (${dialect})`, () => {
    let database: TestDatabase<BankDb>;
    let store: TransferStore;
    let from = '';
    let to = '';

    before(async () => {
      database = await openTestDatabase<BankDb>(dialect, bankMigrations);
      store = new TransferStore(database.db);
      const customers = new CustomerStore(database.db);
      await customers.create(
        {
          cpr: CPR,
          name: 'Anna Berg',
          mitidTurnAt: null,
          mitidDeadlineAt: null,
          accounts: [
            { name: 'Løn', regNo: '9999', accountNo: '1', balanceOre: 100_000 },
            { name: 'Opsparing', regNo: '9999', accountNo: '2', balanceOre: 0 },
          ],
        },
        NOW,
        () => randomUUID(),
      );
      const accounts = await customers.accounts(CPR);
      from = accounts[0]?.id ?? '';
      to = accounts[1]?.id ?? '';
    });
    after(async () => database?.close());

    const balance = async (id: string) =>
      Number(
        (
          await database.db
            .selectFrom('accounts')
            .select('balance_ore')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).balance_ore,
      );
    const bookingsOf = async (transferId: string) =>
      database.db.selectFrom('bookings').selectAll().where('transfer_id', '=', transferId).execute();

    async function newTransfer(amountOre: number, createdAt = NOW): Promise<Transfer> {
      const details = paymentDetails({
        amountOre,
        debtor: { regNo: '9999', accountNo: '1' },
        creditor: { regNo: '9999', accountNo: '2' },
        message: undefined,
      });
      return store.create({
        id: randomUUID(),
        cpr: CPR,
        account_id: from,
        creditor_reg_no: '9999',
        creditor_account_no: '2',
        amount_ore: amountOre,
        message: null,
        authorization_details: JSON.stringify(details),
        text: 'Overfør',
        lang: 'da',
        created_at: createdAt,
      });
    }
    const evidence = (jti = randomUUID()) => ({
      id: randomUUID(),
      token: 'a.b.c',
      jti,
      loa: 'substantial',
      approvedAt: NOW,
    });

    test('two bookings of one transfer at once: booked once, debited and credited once', async () => {
      const t = await newTransfer(1_000);
      const [b1, b2] = [await balance(from), await balance(to)];
      const results = await Promise.all([store.book(t, evidence(), NOW), store.book(t, evidence(), NOW)]);
      assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
      assert.deepEqual(
        results.filter((r) => !r.ok).map((r) => !r.ok && r.problem),
        ['not_awaiting'],
      );
      assert.equal(await balance(from), b1 - 1_000);
      assert.equal(await balance(to), b2 + 1_000);
      assert.equal((await bookingsOf(t.id)).length, 1);
      assert.equal((await store.get(t.id, CPR))?.status, 'booked');
      assert.equal(
        await store.decline(t.id, 'refused', 'late', NOW),
        false,
        'a booked transfer stays booked',
      );
    });

    test('the same jti for another transfer: rolled back whole, the transfer still awaits', async () => {
      const jti = randomUUID();
      const first = await newTransfer(500);
      assert.ok((await store.book(first, evidence(jti), NOW)).ok);
      assert.equal(await store.isJtiUsed(jti), true);
      const second = await newTransfer(700);
      const before = await balance(from);
      assert.deepEqual(await store.book(second, evidence(jti), NOW), { ok: false, problem: 'jti_used' });
      assert.equal(await balance(from), before, 'the debit is rolled back');
      assert.equal((await store.get(second.id, CPR))?.status, 'awaiting_approval');
      assert.deepEqual(await bookingsOf(second.id), []);
    });

    test('a balance too small at booking time: nothing changes', async () => {
      const t = await newTransfer(10_000_000);
      const before = [await balance(from), await balance(to)];
      assert.deepEqual(await store.book(t, evidence(), NOW), { ok: false, problem: 'insufficient_funds' });
      assert.deepEqual([await balance(from), await balance(to)], before);
      assert.equal((await store.get(t.id, CPR))?.status, 'awaiting_approval');
      assert.equal(await store.decline(t.id, 'refused', 'insufficient_funds', NOW), true);
      assert.equal(await store.decline(t.id, 'cancelled', 'again', NOW), false, 'declined once');
      assert.deepEqual(await store.book(t, evidence(), NOW), { ok: false, problem: 'not_awaiting' });
    });

    test('expireStale marks only transfers older than the approval window; get is per customer', async () => {
      const stale = await newTransfer(1, NOW - APPROVAL_WINDOW_MS - 1);
      const fresh = await newTransfer(1, NOW - APPROVAL_WINDOW_MS + 1000);
      assert.ok((await store.expireStale(NOW)) >= 1);
      const s = await store.get(stale.id, CPR);
      assert.deepEqual([s?.status, s?.reason], ['cancelled', 'expired']);
      assert.equal((await store.get(fresh.id, CPR))?.status, 'awaiting_approval');
      assert.equal(await store.get(fresh.id, '0202801111'), undefined, "another customer's id finds nothing");
      assert.ok((await store.countSince(CPR, NOW - APPROVAL_WINDOW_MS)) >= 1);
    });
  });
}
