import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MitidDb } from '../../core/db/index.ts';
import { DAY } from '../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase } from '../../platform/db/testDb.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import { BROWSER_IDLE_MS, EnrollmentStore, sha256, TICKET_TTL_MS } from './EnrollmentStore.ts';
import { enrollmentKinds } from './testing/index.ts';

const dialects = await dialectsUnderTest();
const bankStart = {
  cpr: '1505831017',
  route: 'bank' as const,
  raClientId: 'minbank',
  raName: 'Min Bank',
  identifiedBy: 'nemid-keycard',
  returnUrl: 'http://127.0.0.1:3001/mitid/retur',
};

for (const dialect of dialects) {
  describe(`enrollment store on ${dialect}`, () => {
    test('a bank enrollment opens at the terms; a second start resumes it', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        const first = await store.start({ ...bankStart, ticket: 't1' }, 1000, 'e1');
        assert.equal(first.resumed, false);
        assert.equal(first.enrollment.state.step, 'terms');
        const again = await store.start({ ...bankStart, ticket: 't2' }, 2000, 'e2');
        assert.equal(again.resumed, true);
        assert.equal(again.enrollment.id, 'e1');
        assert.equal((await database.db.selectFrom('enrollments').selectAll().execute()).length, 1);
        // The first ticket was replaced by the second.
        assert.equal(await store.claimTicket('t1', sha256('browser'), 2500), undefined);
        assert.equal((await store.claimTicket('t2', sha256('browser'), 2500))?.id, 'e1');
      } finally {
        await database.close();
      }
    });

    test('a ticket works once and only before it expires', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        await store.start({ ...bankStart, ticket: 'once' }, 0, 'e1');
        const [a, b] = await Promise.all([
          store.claimTicket('once', 'b1', 10),
          store.claimTicket('once', 'b2', 10),
        ]);
        assert.equal([a, b].filter(Boolean).length, 1, 'exactly one browser gets the flow');
        await store.start({ ...bankStart, ticket: 'late' }, 100, 'e2');
        assert.equal(await store.claimTicket('late', 'b3', 100 + TICKET_TTL_MS), undefined);
      } finally {
        await database.close();
      }
    });

    test('a repeated step has its effect once (compare-and-set on the version)', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        const { enrollment } = await store.start(bankStart, 0, 'e1');
        const event = { type: 'acceptTerms' as const, terms: '2026-1', privacy: '2026-1' };
        const [x, y] = await Promise.all([
          store.apply('e1', enrollment.version, event, {}, 10),
          store.apply('e1', enrollment.version, event, {}, 10),
        ]);
        assert.deepEqual([x.ok, y.ok].sort(), [false, true]);
        const stored = await store.get('e1');
        assert.equal(stored?.state.step, 'choose');
        assert.equal(stored?.version, enrollment.version + 1);
        const wrong = await store.apply('e1', stored?.version ?? 0, { type: 'userIdChosen' }, {}, 20);
        assert.equal(wrong.ok, false);
        assert.equal((await store.get('e1'))?.state.step, 'choose', 'a refused event changes nothing');
      } finally {
        await database.close();
      }
    });

    test('an expired enrollment is closed and a new one starts', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        await store.start(bankStart, 0, 'old');
        const fresh = await store.start(bankStart, 8 * DAY, 'new');
        assert.equal(fresh.resumed, false);
        assert.equal(fresh.enrollment.id, 'new');
        const old = await store.get('old');
        assert.equal(old?.open, false);
        assert.equal(old?.state.step, 'expired');
      } finally {
        await database.close();
      }
    });

    test('the browser binding lives 15 minutes after its last request and is never revived', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        await store.start({ ...bankStart, ticket: 't' }, 0, 'e1');
        assert.equal(await store.touchBrowser('e1', 'b1', 1), false, 'not bound before the hand-over');
        await store.claimTicket('t', 'b1', 1000);
        assert.equal((await store.get('e1'))?.browserExpiresAt, 1000 + BROWSER_IDLE_MS);
        assert.equal(await store.touchBrowser('e1', 'other', 2000), false, 'another browser');
        assert.equal(await store.touchBrowser('e1', 'b1', 1000 + BROWSER_IDLE_MS - 1), true);
        const extended = 1000 + 2 * BROWSER_IDLE_MS - 1;
        assert.equal((await store.get('e1'))?.browserExpiresAt, extended);
        const version = (await store.get('e1'))?.version;
        assert.equal(await store.touchBrowser('e1', 'b1', extended), false, 'idle: ended');
        assert.equal(await store.touchBrowser('e1', 'b1', extended + 1), false, 'and stays ended');
        assert.equal((await store.get('e1'))?.version, version, 'touching never moves the version');
        // Proving who you are again (a new hand-over) binds afresh.
        await store.start({ ...bankStart, ticket: 't2' }, extended + 10, 'e2');
        await store.claimTicket('t2', 'b2', extended + 20);
        assert.equal(await store.touchBrowser('e1', 'b2', extended + 30), true);
      } finally {
        await database.close();
      }
    });

    test('the bank that started a flow ends its browser binding at logout; no one else can', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        await store.start({ ...bankStart, ticket: 't' }, 0, 'e1');
        await store.claimTicket('t', 'b1', 10);
        assert.equal(await store.endBrowser('e1', 'otherbank', 20), false);
        assert.equal(await store.touchBrowser('e1', 'b1', 30), true, 'another bank changed nothing');
        const before = await store.get('e1');
        assert.equal(await store.endBrowser('e1', 'minbank', 40), true);
        assert.equal(await store.touchBrowser('e1', 'b1', 41), false);
        const after = await store.get('e1');
        assert.deepEqual(
          { ...after, browserExpiresAt: before?.browserExpiresAt },
          before,
          'only the binding ended; the flow is as it was',
        );
        assert.equal(await store.endBrowser('e1', 'minbank', 50), false, 'nothing left to end');
        // An unclaimed hand-over ticket is void after the logout too.
        await store.start({ ...bankStart, ticket: 't2' }, 60, 'e2');
        assert.equal(await store.endBrowser('e1', 'minbank', 70), true);
        assert.equal(await store.claimTicket('t2', 'b2', 80), undefined);
      } finally {
        await database.close();
      }
    });

    test('startedBy: only the registration authority that started an enrollment for the person', async () => {
      const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
      try {
        const store = new EnrollmentStore(database.db, enrollmentKinds);
        assert.equal(await store.startedBy(bankStart.cpr, 'minbank'), false);
        await store.start(bankStart, 0, 'e1');
        assert.equal(await store.startedBy(bankStart.cpr, 'minbank'), true);
        assert.equal(await store.startedBy(bankStart.cpr, 'otherbank'), false);
        assert.equal(await store.startedBy('0101901234', 'minbank'), false);
        await store.start(
          { cpr: '0101901234', route: 'mitid', identifiedBy: 'nemid-keycard', browserHash: 'b' },
          0,
          'e2',
        );
        assert.equal(await store.startedBy('0101901234', 'minbank'), false, 'a MitID.dk flow is no bank’s');
      } finally {
        await database.close();
      }
    });
  });
}
