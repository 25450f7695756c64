/**
 * The activity log on both databases: an approval, a rejection, Afbryd, a block's cancel and an
 * expiry each make exactly one row, with what the person needs to recognise it; a change rolled
 * back makes none; the sweep run twice records once, and a decision that a sweep with a clock
 * ahead took for an expiry replaces it; an authentication that names nobody makes none; the
 * reader pages a person's log newest first and shows nobody else's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  AUTHENTICATION_TTL_MS,
  type Authentication,
  Authentications,
  type NewAuthentication,
} from '../authentications/index.ts';
import type { Authenticators, Proof } from '../authenticators/index.ts';
import { T0, withAuthenticators } from '../authenticators/testing/index.ts';
import type { MitidDb } from '../db/index.ts';
import type { Hooks } from '../events/index.ts';
import { Activity, activityHooks, SWEEP_RESCAN_MS, sweepActivity } from './index.ts';

const base = (identityId: string, id: string, over: Partial<NewAuthentication> = {}): NewAuthentication => ({
  id,
  clientId: 'minbank',
  serviceName: 'Min Bank',
  action: 'login',
  text: 'Log på Min Bank',
  requestedLevel: 'substantial',
  requiresUv: true,
  kinds: ['app'],
  challenge: `challenge-${id}`,
  who: { identityId },
  channel: 'api',
  ...over,
});
const pinProof = (authenticatorId: string, at: number): Proof => ({
  authenticatorId,
  kind: 'app',
  factors: ['possession', 'knowledge'],
  methods: ['app', 'pin'],
  at,
});
const proofIn = (a: Authentication, at: number) => ({
  proof: pinProof('dev-1', at),
  challenge: a.challenge ?? '',
  evidence: { signature: 'sig' },
  notifyEveryUse: false,
  ial: 'substantial' as const,
});

/** The root's table for these events (src/roots/mitid/hooks.ts), on the fixture's bus. */
function wire(hooks: Hooks, authentications: Authentications): void {
  hooks.on('person.authenticated', activityHooks.authenticated);
  hooks.on('authentication.ended', activityHooks.ended);
  hooks.on('authenticator.blocked', async (trx, e) => {
    await authentications.cancelPendingOf(trx, { authenticatorId: e.authenticatorId });
  });
}

async function activate(db: Kysely<MitidDb>, authenticators: Authenticators, identityId: string, id: string) {
  await db
    .transaction()
    .execute((trx) => authenticators.activate(trx, { id, identityId, kind: 'app', label: id }));
}

const rowsOf = (db: Kysely<MitidDb>, authenticationId: string) =>
  db.selectFrom('activity').selectAll().where('authentication_id', '=', authenticationId).execute();

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: an approval, a rejection, Afbryd and a block's cancel each make exactly one row`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks, authenticators }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      wire(hooks, authentications);
      await activate(db, authenticators, id, 'dev-1');

      const ok = await authentications.create(base(id, 'ok'));
      now += 1000;
      assert.ok(await authentications.addProof(ok, proofIn(ok, now)));
      const approved = await rowsOf(db, 'ok');
      assert.equal(approved.length, 1);
      assert.deepEqual(
        { ...approved[0], id: undefined, at: Number(approved[0]?.at) },
        {
          id: undefined,
          identity_id: id,
          at: now,
          client_id: 'minbank',
          service_name: 'Min Bank',
          action: 'login',
          kind: 'app',
          authenticator_id: 'dev-1',
          level: 'substantial',
          result: 'approved',
          cancel_reason: null,
          authentication_id: 'ok',
          reported: 0,
        },
      );

      const no = await authentications.create(base(id, 'no', { action: 'approve', requestedLevel: 'high' }));
      assert.ok(
        await authentications.reject(no, {
          authenticatorId: 'dev-1',
          challenge: no.challenge ?? '',
          evidence: {},
        }),
      );
      const rejected = await rowsOf(db, 'no');
      assert.deepEqual(
        rejected.map((r) => [r.result, r.level, r.action, r.authenticator_id]),
        [['rejected', 'high', 'approve', 'dev-1']],
      );

      await authentications.create(base(id, 'afbryd'));
      assert.ok(await authentications.cancel('afbryd', 'person'));
      assert.equal(
        await authentications.cancel('afbryd', 'person'),
        false,
        'a second Afbryd changes nothing',
      );
      assert.deepEqual(
        (await rowsOf(db, 'afbryd')).map((r) => [r.result, r.cancel_reason]),
        [['cancelled', 'person']],
      );

      await authentications.create(base(id, 'blocked'));
      assert.ok(await authentications.startStep('blocked', 'dev-1', 'sealed'));
      assert.ok(await authenticators.block({ authenticatorId: 'dev-1' }, 'support:1', 'lost'));
      assert.deepEqual(
        (await rowsOf(db, 'blocked')).map((r) => [r.result, r.cancel_reason, r.kind]),
        [['cancelled', 'blocked', null]],
      );

      // A replayed decision records nothing more.
      assert.equal(await authentications.addProof(ok, proofIn(ok, now)), false);
      const all = await db.selectFrom('activity').select('authentication_id').execute();
      assert.deepEqual(all.map((r) => r.authentication_id).sort(), ['afbryd', 'blocked', 'no', 'ok']);
    });
  });

  test(`${dialect}: a rolled-back change makes no row`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      const authentications = new Authentications({ db, now: () => T0, hooks });
      wire(hooks, authentications);
      // A later hook of the same change fails: the approval, the cancel and their records go.
      hooks.on('person.authenticated', async () => {
        throw new Error('a later hook failed');
      });
      hooks.on('authentication.ended', async () => {
        throw new Error('a later hook failed');
      });
      const a = await authentications.create(base(id, 'a'));
      await assert.rejects(authentications.addProof(a, proofIn(a, T0)), /a later hook failed/);
      assert.equal((await authentications.get('a'))?.status, 'pending');
      await assert.rejects(authentications.cancel('a', 'person'), /a later hook failed/);
      assert.equal((await authentications.get('a'))?.status, 'pending');
      assert.deepEqual(await db.selectFrom('activity').selectAll().execute(), []);
    });
  });

  test(`${dialect}: an expiry is recorded once by the sweep, however often it runs`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      wire(hooks, authentications);
      await authentications.create(
        base(id, 'late', { channel: { browserHash: 'b', interactionId: 'i', secret: 's' } }),
      );
      await authentications.create({ ...base(id, 'nobody'), who: { userId: 'no-such-user' } });
      now = T0 + AUTHENTICATION_TTL_MS - 1;
      assert.deepEqual(await sweepActivity(db, now), { activityExpired: 0 }, 'not expired yet');
      await authentications.create(base(id, 'fresh'));
      now = T0 + AUTHENTICATION_TTL_MS;
      assert.deepEqual(await sweepActivity(db, now), { activityExpired: 1 });
      assert.deepEqual(
        await sweepActivity(db, now),
        { activityExpired: 0 },
        'the second run records nothing',
      );
      // Two nodes' sweeps at once, later: still one row.
      now += 1000;
      const both = await Promise.all([sweepActivity(db, now), sweepActivity(db, now)]);
      assert.equal(both[0].activityExpired + both[1].activityExpired, 0);
      const late = await rowsOf(db, 'late');
      assert.deepEqual(
        late.map((r) => [r.result, Number(r.at), r.level, r.kind]),
        [['expired', T0 + AUTHENTICATION_TTL_MS, 'substantial', null]],
      );
      assert.deepEqual(await rowsOf(db, 'nobody'), [], 'an unknown user-ID has no log');
      // 'fresh' expires later and is recorded by a later sweep; 'late' is not recorded again.
      now = T0 + 2 * AUTHENTICATION_TTL_MS;
      assert.deepEqual(await sweepActivity(db, now), { activityExpired: 1 });
      assert.equal((await db.selectFrom('activity').selectAll().execute()).length, 2);
      // A node with its clock a minute behind made one that expired before the mark: the rescan finds it.
      const mark = now;
      now = mark - AUTHENTICATION_TTL_MS - 60_000;
      await authentications.create(base(id, 'behind'));
      now = mark + 1000;
      assert.ok(mark - 60_000 > mark - SWEEP_RESCAN_MS);
      assert.deepEqual(await sweepActivity(db, now), { activityExpired: 1 });
      assert.equal((await rowsOf(db, 'behind')).length, 1);
    });
  });

  test(`${dialect}: a decision that a sweep ahead of its clock took for an expiry replaces that row`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      wire(hooks, authentications);
      const a = await authentications.create(base(id, 'skew'));
      // A node whose clock is ahead sweeps it as expired; the approving node's clock is behind.
      assert.deepEqual(await sweepActivity(db, T0 + AUTHENTICATION_TTL_MS + 1), { activityExpired: 1 });
      const behind = T0 + AUTHENTICATION_TTL_MS - 500;
      now = behind;
      assert.ok(await authentications.addProof(a, proofIn(a, behind)));
      assert.deepEqual(
        (await rowsOf(db, 'skew')).map((r) => [r.result, Number(r.at), r.kind]),
        [['approved', behind, 'app']],
      );
    });
  });

  test(`${dialect}: the reader pages a person's log newest first and shows nobody else's`, async () => {
    await withAuthenticators(dialect, 2, async ({ db, identityIds: [mine = '', theirs = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      wire(hooks, authentications);
      for (const [i, who] of [mine, mine, theirs, mine, mine].entries()) {
        await authentications.create(base(who, `c${i}`, { serviceName: `Service ${i}` }));
        // c3 and c4 end in the same millisecond: the id orders them, and the cursor splits them.
        if (i !== 4) now += 1000;
        assert.ok(await authentications.cancel(`c${i}`, 'client'));
      }
      const activity = new Activity({ db });
      const all = await activity.forIdentity(mine);
      const [first, second] = all;
      assert.ok(first && second);
      assert.equal(first.at, second.at);
      assert.ok(first.id > second.id, 'a tie is ordered by id, descending');
      assert.deepEqual(
        all
          .slice(0, 2)
          .map((e) => e.serviceName)
          .sort(),
        ['Service 3', 'Service 4'],
      );
      assert.deepEqual(
        all.slice(2).map((e) => [e.serviceName, e.at]),
        [
          ['Service 1', T0 + 2000],
          ['Service 0', T0 + 1000],
        ],
      );
      const page1 = await activity.forIdentity(mine, { limit: 1 });
      const page2 = await activity.forIdentity(mine, { limit: 2, before: page1[0] });
      const page3 = await activity.forIdentity(mine, { limit: 2, before: page2[1] });
      assert.deepEqual([...page1, ...page2, ...page3], all);
      assert.equal(page3.length, 1);
      assert.deepEqual(await activity.forIdentity(mine, { before: page3[0] }), []);
      assert.deepEqual(
        (await activity.forIdentity(theirs)).map((e) => [
          e.serviceName,
          e.result,
          e.cancelReason,
          e.clientId,
        ]),
        [['Service 2', 'cancelled', 'client', 'minbank']],
      );
      assert.deepEqual(await activity.forIdentity('nobody'), []);
      for (const limit of [0, 101, 1.5, Number.NaN]) {
        await assert.rejects(
          activity.forIdentity(mine, { limit }),
          /limit must be a whole number from 1 to 100/,
        );
      }
    });
  });
}
