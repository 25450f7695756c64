import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { BackchannelLogoutsDb } from '../../flows/login/index.ts';
import { DAY, HOUR, TestClock } from '../../platform/clock.ts';
import { openTestDatabase } from '../../platform/db/testDb.ts';
import { RateCounters } from '../../platform/http/RateCounters.ts';
import { SessionStore } from '../../platform/http/session.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { mitidMigrations } from './db/migrations.ts';
import { sweepMitid } from './sweep.ts';

test('housekeeping removes expired sessions and codes, and keeps the live ones', async () => {
  const database = await openTestDatabase<MitidDb>('sqlite', mitidMigrations);
  try {
    const clock = new TestClock();
    const now = clock.now().getTime();
    const sessions = new SessionStore(database.db);
    await sessions.put('old', {}, now - 2 * HOUR, now - HOUR);
    await sessions.put('live', {}, now, now + HOUR);
    const code = (flow: string, expiresAt: number) => ({
      flow_id: flow,
      purpose: 'mobile',
      subject: 's',
      nonce: 'n',
      code_hash: 'h',
      attempts: 0,
      max_attempts: 3,
      sends: 1,
      sent_at: now,
      expires_at: expiresAt,
      used_at: null,
    });
    await database.db
      .insertInto('one_time_codes')
      .values([code('long-gone', now - 2 * DAY), code('just-expired', now - HOUR)])
      .execute();
    await new RateCounters(database.db).hit('device', 'd', 120, 60_000, now - 2 * 60_000);
    await new RateCounters(database.db).hit('device', 'd', 120, 60_000, now);
    const counter = (key: string, updatedAt: number, blockedUntil: number | null) => ({
      counter_key: key,
      failures: 1,
      window_start: updatedAt,
      blocked_until: blockedUntil,
      updated_at: updatedAt,
    });
    await database.db
      .insertInto('nemid_attempt_counters')
      .values([
        counter('u:quiet-for-two-days', now - 2 * DAY, null),
        counter('u:quiet-but-still-locked', now - 2 * DAY, now + HOUR),
        counter('u:failed-an-hour-ago', now - HOUR, null),
      ])
      .execute();
    // The OpenID Connect provider's state: one expired row, one live, one without expiry.
    const payload = (id: string, expiresAt: number | null) => ({
      model: 'Session',
      id,
      payload: '{}',
      grant_id: null,
      user_code: null,
      uid: null,
      expires_at: expiresAt,
      consumed_at: null,
    });
    await database.db
      .insertInto('oidc_payloads')
      .values([payload('gone', now - 1), payload('live', now + HOUR), payload('forever', null)])
      .execute();
    // The CPR matches: one of an ended session, one of a live one.
    const match = (uid: string, expiresAt: number) => ({
      session_uid: uid,
      identity_id: 'i',
      login_ts: 1,
      mismatches: 1,
      matched_at: null,
      expires_at: expiresAt,
    });
    await database.db
      .insertInto('cpr_matches')
      .values([match('ended', now - 1), match('live', now + HOUR)])
      .execute();
    // The back-channel logouts: one given up two days ago (swept), one given up an hour ago and
    // one still to be tried two days after its creation (both kept).
    const logout = (id: string, createdAt: number, nextAt: number | null) => ({
      id,
      client_id: 'c',
      account_id: 'a',
      sid: 's',
      attempts: 4,
      next_at: nextAt,
      created_at: createdAt,
      last_error: 'expected 200 OK',
    });
    await (database.db as unknown as Kysely<BackchannelLogoutsDb>)
      .insertInto('backchannel_logouts')
      .values([
        logout('given-up-long-ago', now - 2 * DAY, null),
        logout('given-up-lately', now - HOUR, null),
        logout('still-due', now - 2 * DAY, now),
      ])
      .execute();
    const deps = {
      config: loadConfig({}),
      secrets: {} as never,
      db: database.db,
      clock,
      random: cryptoRandom,
    };
    const purged = await sweepMitid(deps);
    assert.deepEqual(purged, {
      activityExpired: 0,
      sessions: 1,
      nemidLogins: 0,
      oneTimeCodes: 1,
      appActivations: 0,
      signedRequests: 0,
      chipRegistrations: 0,
      oidcPayloads: 1,
      cibaRequests: 0,
      cprMatches: 1,
      backchannelLogouts: 1,
      rateCounters: 1,
      nemidAttemptCounters: 1,
      gatesOpened: 0,
      gatesExpired: 0,
    });
    const oidcLeft = await database.db.selectFrom('oidc_payloads').select('id').orderBy('id').execute();
    assert.deepEqual(
      oidcLeft.map((r) => r.id),
      ['forever', 'live'],
    );
    const matchesLeft = await database.db.selectFrom('cpr_matches').select('session_uid').execute();
    assert.deepEqual(
      matchesLeft.map((r) => r.session_uid),
      ['live'],
    );
    const logoutsLeft = await (database.db as unknown as Kysely<BackchannelLogoutsDb>)
      .selectFrom('backchannel_logouts')
      .select('id')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      logoutsLeft.map((r) => r.id),
      ['given-up-lately', 'still-due'],
    );
    assert.deepEqual(await sessions.get('live', now), {});
    const left = await database.db.selectFrom('one_time_codes').select('flow_id').execute();
    assert.deepEqual(
      left.map((r) => r.flow_id),
      ['just-expired'],
    );
    const counters = await database.db.selectFrom('nemid_attempt_counters').select('counter_key').execute();
    assert.deepEqual(counters.map((r) => r.counter_key).sort(), [
      'u:failed-an-hour-ago',
      'u:quiet-but-still-locked',
    ]);
  } finally {
    await database.close();
  }
});
