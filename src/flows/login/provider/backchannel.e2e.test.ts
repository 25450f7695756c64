/**
 * Back-channel logouts that survive a crash (decision 0013 §4, migration 0029), on both
 * databases: the real MitID service on a loopback port (node A), a second MitID app on the same
 * database (node B, another process's Sessions), a loopback receiver of the logout tokens. Both
 * nodes' timers and own retries are stopped (`stop`), so each retry here is the test's
 * `retryDue` on the node it names, with the injected clock moved by hand.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import pino from 'pino';
import { type AppHarness, startAppHarness } from '../../../kinds/app/testing/index.ts';
import { DAY } from '../../../platform/clock.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import type { BackchannelLogoutsDb } from '../tables.ts';
import { sessionsOf } from './register.ts';
import type { Sessions } from './sessions.ts';
import { sweepBackchannelLogouts } from './sessions.ts';
import {
  Browser,
  discover,
  logoutReceiver,
  POST_LOGOUT,
  simulatedLogin,
  startTestOp,
  type TestClient,
  type TestOp,
} from './testOp.ts';

/** The lease of a claimed delivery (sessions.ts' LEASE_MS). */
const LEASE = 60_000;

for (const dialect of await dialectsUnderTest()) {
  describe(`back-channel logouts in the database on ${dialect}`, () => {
    let op: TestOp;
    let nodeB: AppHarness;
    let rx: Awaited<ReturnType<typeof logoutReceiver>>;
    let bank: TestClient;
    let a: Sessions;
    let b: Sessions;
    let db: Kysely<BackchannelLogoutsDb>;
    const logs: { level: number; msg: string; client?: string; attempts?: number }[] = [];
    const now = (): number => op.h.clock.now().getTime();
    /** Both nodes' clocks move together. */
    const advance = (ms: number): void => {
      op.h.clock.advance(ms);
      nodeB.clock.advance(ms);
    };
    const rows = () => db.selectFrom('backchannel_logouts').selectAll().orderBy('created_at').execute();
    /** A row as node A leaves it right after its INSERT (held by its lease), or as given. */
    const written = (sid: string, over: Partial<BackchannelLogoutsDb['backchannel_logouts']> = {}) => ({
      id: `row-${sid}`,
      client_id: bank.id,
      account_id: op.identityId,
      sid,
      attempts: 0,
      next_at: now() + LEASE,
      created_at: now(),
      last_error: null,
      ...over,
    });
    const sidsGot = (): string[] => rx.got.map((g) => String(decodeJwt(g.token).sid));

    before(async () => {
      rx = await logoutReceiver();
      op = await startTestOp(dialect);
      bank = await op.addClient({
        id: 'bcl-bank',
        dialect: 'signaturgruppen',
        oidc: { backchannelLogoutUri: `${rx.base}/bc/bank` },
      });
      nodeB = await startAppHarness({
        dialect,
        database: op.h.database,
        env: { MITID_URL: op.base, OIDC_SIMULATION: 'on' },
        logger: pino(
          { level: 'info' },
          {
            write(line: string) {
              logs.push(JSON.parse(line));
            },
          },
        ),
      });
      nodeB.clock.advance(now() - nodeB.clock.now().getTime());
      a = sessionsOf(op.h.app);
      b = sessionsOf(nodeB.app);
      a.stop();
      b.stop();
      db = op.h.database.db as unknown as Kysely<BackchannelLogoutsDb>;
    });
    after(async () => {
      // Node B first: the database is node A's to close.
      await nodeB?.app.close();
      await op?.close();
      rx?.server.close();
    });

    test('a failed delivery is retried from the table by the other node once the clock moves', async () => {
      rx.got.length = 0;
      rx.failing.set('/bc/bank', 1);
      const config = await discover(op, '/op', bank);
      const browser = new Browser();
      const login = await simulatedLogin(op, config, browser);
      const sid = String(login.tokens.claims()?.sid);
      const end = client.buildEndSessionUrl(config, {
        id_token_hint: login.tokens.id_token as string,
        post_logout_redirect_uri: POST_LOGOUT,
      });
      const shown = await browser.follow(end);
      assert.ok('page' in shown);
      const html = await shown.page.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      assert.ok(action && xsrf);
      const done = await browser.follow(new URL(action, op.base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      });
      assert.ok('url' in done);
      await a.settled();
      // Node A tried once, failed, and left the row for 1 s later (its own retries are stopped).
      const [row] = await rows();
      assert.ok(row, 'the delivery is in the table');
      assert.equal(row.sid, sid);
      assert.equal(row.client_id, bank.id);
      assert.equal(Number(row.attempts), 1);
      assert.equal(Number(row.next_at), now() + 1000);
      assert.ok(row.last_error && row.last_error.length <= 200);
      assert.doesNotMatch(row.last_error, /eyJ/, 'no token in the error');
      assert.equal(rx.got.length, 0, 'nothing delivered yet');
      assert.equal(await b.retryDue(), 0, 'not due yet');
      advance(1000);
      assert.equal(await b.retryDue(), 1);
      assert.deepEqual(sidsGot(), [sid]);
      const token = rx.got[0]?.token ?? '';
      assert.equal(decodeProtectedHeader(token).typ, 'logout+jwt');
      assert.equal(decodeJwt(token).aud, bank.id);
      assert.equal(decodeJwt(token).iss, `${op.base}/op`);
      assert.deepEqual(await rows(), [], 'a delivered one is deleted');
      assert.equal(await a.retryDue(), 0, 'and not sent again');
    });

    test('a crash after the INSERT: the other node delivers it once the lease has run out', async () => {
      rx.got.length = 0;
      // The rows node A wrote before it died (kill -9): held by A's lease, never sent.
      await db
        .insertInto('backchannel_logouts')
        .values([written('crash-1'), written('crash-2')])
        .execute();
      assert.equal(await b.retryDue(), 0, "A's lease still holds them");
      advance(LEASE);
      assert.equal(await b.retryDue(), 2);
      assert.deepEqual(sidsGot().sort(), ['crash-1', 'crash-2']);
      assert.deepEqual(await rows(), []);
    });

    test('two nodes claiming at once: each delivery is sent once', async () => {
      rx.got.length = 0;
      const sids = ['race-1', 'race-2', 'race-3', 'race-4', 'race-5'];
      await db
        .insertInto('backchannel_logouts')
        .values(sids.map((sid) => written(sid, { next_at: now() })))
        .execute();
      const [byA, byB] = await Promise.all([a.retryDue(), b.retryDue()]);
      assert.equal(byA + byB, sids.length, 'every row claimed by one node');
      assert.deepEqual(sidsGot().sort(), sids, 'each sent once');
      assert.deepEqual(await rows(), []);
    });

    test('given up after the last try (logged at error), kept a day, then swept', async () => {
      rx.got.length = 0;
      logs.length = 0;
      rx.failing.set('/bc/bank', 100);
      const created = now();
      await db
        .insertInto('backchannel_logouts')
        .values(written('doomed', { next_at: now() }))
        .execute();
      // The tries at 0, then after 1 s, 5 s and 30 s (the default delays), each by node B.
      for (const [i, wait] of [1000, 5000, 30_000].entries()) {
        assert.equal(await b.retryDue(), 1);
        const [row] = await rows();
        assert.equal(Number(row?.attempts), i + 1);
        assert.equal(Number(row?.next_at), now() + wait, 'next_at by the injected clock');
        advance(wait - 1);
        assert.equal(await b.retryDue(), 0, 'not before its time');
        advance(1);
      }
      assert.equal(await b.retryDue(), 1, 'the last try');
      assert.equal(rx.failing.get('/bc/bank'), 96, 'four tries in all');
      rx.failing.set('/bc/bank', 0);
      const [row] = await rows();
      assert.equal(row?.next_at, null, 'given up');
      assert.equal(Number(row?.attempts), 4);
      assert.ok(row?.last_error);
      const gaveUp = logs.filter((l) => l.msg === 'back-channel logout not delivered; given up');
      assert.equal(gaveUp.length, 1);
      assert.equal(gaveUp[0]?.level, 50, 'at error');
      assert.equal(gaveUp[0]?.client, bank.id);
      advance(DAY);
      assert.equal(await b.retryDue(), 0, 'never tried again');
      assert.deepEqual(rx.got, []);
      // The sweep: kept for a day after its creation, then removed; a live row is never swept.
      await db
        .insertInto('backchannel_logouts')
        .values(written('live', { created_at: created - DAY }))
        .execute();
      assert.equal(await sweepBackchannelLogouts(db, created + DAY - 1), 0, 'kept a day');
      assert.equal(await sweepBackchannelLogouts(db, created + DAY + 1), 1);
      assert.deepEqual(
        (await rows()).map((r) => r.sid),
        ['live'],
      );
      await db.deleteFrom('backchannel_logouts').execute();
    });

    test("a started node's timer (registerLogin's onReady) delivers a due row by itself", async () => {
      rx.got.length = 0;
      await db
        .insertInto('backchannel_logouts')
        .values(written('by-timer', { next_at: now() }))
        .execute();
      await nodeB.app.ready();
      try {
        const until = Date.now() + 10_000;
        while (rx.got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      } finally {
        b.stop();
      }
      await b.settled();
      assert.deepEqual(sidsGot(), ['by-timer']);
      assert.deepEqual(await rows(), []);
    });

    test("a running node's own retry after the delay; its look does not wait for it", async () => {
      rx.got.length = 0;
      rx.failing.set('/bc/bank', 1);
      await db
        .insertInto('backchannel_logouts')
        .values(written('own-retry', { next_at: now() }))
        .execute();
      b.start();
      try {
        const t0 = Date.now();
        assert.equal(await b.retryDue(), 1);
        assert.ok(Date.now() - t0 < 900, 'back before the 1 s delay');
        assert.equal(rx.got.length, 0);
        // The clock stands still: only node B's own retry (after 1 s of real time) can send it.
        await b.settled();
      } finally {
        b.stop();
      }
      assert.deepEqual(sidsGot(), ['own-retry']);
      assert.deepEqual(await rows(), []);
    });

    test('a delivery whose client has no back-channel URI any more is removed, nothing sent', async () => {
      rx.got.length = 0;
      await db
        .insertInto('backchannel_logouts')
        .values(written('no-uri', { client_id: 'no-such-client', next_at: now() }))
        .execute();
      assert.equal(await b.retryDue(), 1);
      assert.deepEqual(rx.got, []);
      assert.deepEqual(await rows(), []);
    });
  });
}
