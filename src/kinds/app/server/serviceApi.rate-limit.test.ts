/**
 * The server-to-server APIs are limited per authenticated client, in the database (every node
 * sees it): RATE_LIMIT_PER_CLIENT calls a minute. A stranger who names the client with a wrong
 * secret spends none of its budget, so the limit cannot be used to shut a bank out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type AppHarness, SERVICE_SECRET, startAppHarness } from './testing/appHarness.ts';

const LIMIT = 5;
const basic = (secret: string): string => `Basic ${Buffer.from(`minbank:${secret}`).toString('base64')}`;
const tx = { userId: 'nobody', serviceName: 'Min Bank', action: 'login', text: 'Log på Min Bank' };

const clientHits = async (h: AppHarness, scope: string): Promise<number> => {
  const rows = await h.database.db
    .selectFrom('rate_counters')
    .select('hits')
    .where('scope', '=', scope)
    .where('key', '=', 'minbank')
    .execute();
  return rows.reduce((sum, r) => sum + Number(r.hits), 0);
};

const raStatus = (h: AppHarness, secret: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/ra/v1/people/mitid-status',
    headers: { authorization: basic(secret) },
    payload: { cpr: '0101901234' },
  });

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the transaction API refuses a client over RATE_LIMIT_PER_CLIENT with 429`, async () => {
    const h = await startAppHarness({ dialect, env: { RATE_LIMIT_PER_CLIENT: String(LIMIT) } });
    try {
      const first = await h.createTransaction(tx);
      assert.equal(first.statusCode, 201);
      const status = await h.app.inject({
        url: `/api/transactions/${first.json().transactionId}`,
        headers: { authorization: basic(SERVICE_SECRET) },
      });
      assert.equal(status.statusCode, 200, 'reading a status counts too');
      for (let i = 2; i < LIMIT; i++) assert.equal((await h.createTransaction(tx)).statusCode, 201);
      assert.equal(await clientHits(h, 'transactions-api'), LIMIT, 'every call was counted');
      const refused = await h.createTransaction(tx);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error, 'rate_limited');
      assert.equal(refused.headers['retry-after'], '60');
      h.clock.advance(60_000);
      assert.equal((await h.createTransaction(tx)).statusCode, 201, 'the next minute it passes again');
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: a stranger with a wrong secret spends none of the client's budget`, async () => {
    const h = await startAppHarness({ dialect, env: { RATE_LIMIT_PER_CLIENT: String(LIMIT) } });
    try {
      for (let i = 0; i < 3 * LIMIT; i++) {
        const res = await h.createTransaction(tx, 'wrong-secret');
        assert.equal(res.statusCode, 401, `forged call ${i + 1} is answered`);
        assert.equal((await raStatus(h, 'wrong-secret')).statusCode, 401);
      }
      assert.equal(await clientHits(h, 'transactions-api'), 0);
      assert.equal(await clientHits(h, 'ra-api'), 0);
      assert.equal((await h.createTransaction(tx)).statusCode, 201);
      assert.notEqual((await raStatus(h, SERVICE_SECRET)).statusCode, 429);
    } finally {
      await h.close();
    }
  });

  test(`${dialect}: the RA API refuses a bank over RATE_LIMIT_PER_CLIENT with 429`, async () => {
    const h = await startAppHarness({ dialect, env: { RATE_LIMIT_PER_CLIENT: String(LIMIT) } });
    try {
      for (let i = 0; i < LIMIT; i++) assert.equal((await raStatus(h, SERVICE_SECRET)).statusCode, 200);
      assert.equal(await clientHits(h, 'ra-api'), LIMIT);
      const refused = await raStatus(h, SERVICE_SECRET);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error, 'ERR_RATE_LIMITED');
    } finally {
      await h.close();
    }
  });
}
