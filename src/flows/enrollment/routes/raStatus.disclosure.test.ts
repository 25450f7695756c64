/**
 * What a bank may learn from the status API (docs/decisions/0004-ra-status-disclosure.md): about
 * an arbitrary CPR number nothing, the very same answer as for a number no one has; about its own
 * customers a coarse status. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { loadConfig } from '../../../config/config.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { PeopleStore } from '../../../core/people/index.ts';
import { HOUR, TestClock } from '../../../platform/clock.ts';
import { dialectsUnderTest, openTestDatabase } from '../../../platform/db/testDb.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildMitidApp } from '../../../roots/mitid/app.ts';
import { mitidMigrations } from '../../../roots/mitid/db/migrations.ts';
import { nemidReservation } from '../../nemid/index.ts';
import { EnrollmentStore } from '../EnrollmentStore.ts';
import { enrollmentKinds } from '../testing/index.ts';

const SECRET = 'bank-client-secret-for-tests-0123456789';
const dialects = await dialectsUnderTest();

/** Bo has an active MitID, Cille is getting one on MitID.dk; neither is the bank's business yet. */
const BO = { cpr: '0101901234', givenName: 'Bo', familyName: 'Holm' };
const CILLE = { cpr: '1505831017', givenName: 'Cille', familyName: 'Dahl' };
const NO_ONE = '0202612046';

async function system(dialect: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ra-status-'));
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  const clock = new TestClock();
  const now = clock.now().getTime();
  const people = new PeopleStore(database.db);
  for (const p of [BO, CILLE]) {
    await people.create(clock, {
      ...p,
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
    });
  }
  const identities = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
  const bo = await identities.createIdentity({ cpr: BO.cpr, userId: 'BoHolm77', contacts: [] }, now, 'bo');
  await identities.setStatus(bo.id, 'active', now);
  await new EnrollmentStore(database.db, enrollmentKinds).start(
    { cpr: CILLE.cpr, route: 'mitid', identifiedBy: 'nemid-keycard', browserHash: 'b' },
    now,
    'cille',
  );
  const app: FastifyInstance = await buildMitidApp({
    config: loadConfig({ DATA_DIR: dataDir }),
    secrets: {
      cookieKey: 'mitid-cookie-key-for-tests-0123456789',
      serverSecret: 'mitid-server-secret-for-tests-0123456789',
      bankClientSecret: SECRET,
    },
    db: database.db,
    clock,
    random: cryptoRandom,
    logger: pino({ level: 'silent' }),
  });
  const ask = (body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: '/api/ra/v1/people/mitid-status',
      headers: {
        authorization: `Basic ${Buffer.from(`minbank:${SECRET}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      payload: body,
    });
  return {
    app,
    clock,
    database,
    ask,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Everything a client sees of an answer, but the date and the rate limit's count of its calls. */
const seen = (res: LightMyRequestResponse) => {
  const { date: _date, 'x-ratelimit-remaining': _count, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
};

for (const dialect of dialects) {
  describe(`the RA status API on ${dialect}`, () => {
    test('a bank asking about an arbitrary CPR number learns nothing', async () => {
      const s = await system(dialect);
      try {
        const now = s.clock.now().getTime();
        const unknown = seen(await s.ask({ cpr: NO_ONE }));
        assert.equal(unknown.status, 200, 'the bank is authenticated: its questions are answered');
        assert.equal(unknown.body, '{"status":"none"}');
        // The bank asks about people it has no reason to ask about, in every way it can.
        const probes: [string, Record<string, unknown>][] = [
          ['no assertion', { cpr: BO.cpr }],
          ['the wrong name', { cpr: BO.cpr, name: 'Bent Holm', identifiedAt: now }],
          ['an old identification', { cpr: BO.cpr, name: 'Bo Holm', identifiedAt: now - 13 * HOUR }],
          ['an identification to come', { cpr: BO.cpr, name: 'Bo Holm', identifiedAt: now + 2 * 60_000 }],
          ['a name without a time', { cpr: BO.cpr, name: 'Bo Holm' }],
          ['under way, no assertion', { cpr: CILLE.cpr }],
          ['under way, the wrong name', { cpr: CILLE.cpr, name: 'Anna Berg', identifiedAt: now }],
        ];
        for (const [what, body] of probes) {
          assert.deepEqual(seen(await s.ask(body)), unknown, what);
        }
        // Nothing was started, nothing written: asking leaves no relationship behind.
        assert.equal(
          (await s.database.db.selectFrom('enrollments').select('id').execute()).length,
          1,
          'only Cille’s own enrollment',
        );
        assert.deepEqual(seen(await s.ask({ cpr: BO.cpr })), unknown, 'and still nothing afterwards');
      } finally {
        await s.close();
      }
    });

    test('about its own customers it learns a coarse status, and no more', async () => {
      const s = await system(dialect);
      try {
        const now = s.clock.now().getTime();
        const status = async (body: Record<string, unknown>) => (await s.ask(body)).json();
        assert.deepEqual(await status({ cpr: BO.cpr, name: 'Bo Holm', identifiedAt: now - 11 * HOUR }), {
          status: 'active',
        });
        assert.deepEqual(await status({ cpr: BO.cpr, name: 'bo holm ', identifiedAt: now }), {
          status: 'active',
        });
        // Blocked is between MitID and the person: the bank hears only that MitID is there.
        await new IdentityStore(s.database.db).setStatus('bo', 'blocked', now);
        assert.deepEqual(await status({ cpr: BO.cpr, name: 'Bo Holm', identifiedAt: now }), {
          status: 'active',
        });
        // Under way: no step.
        assert.deepEqual(await status({ cpr: CILLE.cpr, name: 'Cille Dahl', identifiedAt: now }), {
          status: 'enrolling',
        });
        // Once the bank has started (here: resumed) her enrollment, it may ask without an assertion.
        assert.deepEqual(await status({ cpr: CILLE.cpr }), { status: 'none' });
        const started = await s.app.inject({
          method: 'POST',
          url: '/api/ra/v1/enrollments',
          headers: { authorization: `Basic ${Buffer.from(`minbank:${SECRET}`).toString('base64')}` },
          payload: {
            cpr: CILLE.cpr,
            name: 'Cille Dahl',
            identifiedBy: 'nemid-keycard',
            identifiedAt: now,
            returnUrl: 'http://127.0.0.1:3001/mitid/retur',
          },
        });
        assert.equal(started.statusCode, 200);
        assert.deepEqual(await status({ cpr: CILLE.cpr }), { status: 'enrolling' });
      } finally {
        await s.close();
      }
    });
  });
}
