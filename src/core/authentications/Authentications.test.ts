/**
 * Authentications on both databases, the abuse cases beside the feature: two decisions at once,
 * one wins; a replayed decision changes nothing; a device of another identity sees nothing; an
 * expired authentication accepts nothing; a browser-bound one is hidden until its channel is
 * verified and its result is consumed once, by its client, from its browser; a blocked
 * authenticator's authentications in a step are cancelled, and a blocked MitID's all are; the root's
 * form for one blocked (`answerable`) also cancels the person's open ones no active kind may answer,
 * and leaves answerable, decided, expired and other people's alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import type { Authenticators, Proof } from '../authenticators/index.ts';
import { withAuthenticators } from '../authenticators/testing/index.ts';
import type { MitidDb } from '../db/index.ts';
import type { Authentication } from './Authentication.ts';
import { Authentications, type NewAuthentication } from './Authentications.ts';
import { AUTHENTICATION_TTL_MS } from './authenticationStates.ts';

const T0 = Date.parse('2026-11-24T09:00:00Z');
const base = (identityId: string, id: string): NewAuthentication => ({
  id,
  clientId: 'minbank',
  serviceName: 'Min Bank',
  action: 'approve',
  text: 'Overfør 1,00 kr.',
  requestedLevel: 'high',
  requiresUv: true,
  kinds: ['app'],
  challenge: `challenge-${id}`,
  who: { identityId },
  channel: 'api',
});
const pinProof = (authenticatorId: string): Proof => ({
  authenticatorId,
  kind: 'app',
  factors: ['possession', 'knowledge'],
  methods: ['app', 'pin'],
  at: T0,
});
const swipe = (authenticatorId: string): Proof => ({
  ...pinProof(authenticatorId),
  factors: ['possession'],
  methods: ['app'],
});
const proofIn = (a: Authentication, proof: Proof) => ({
  proof,
  challenge: a.challenge ?? '',
  evidence: { signature: 'sig' },
  notifyEveryUse: false,
  ial: 'substantial' as const,
});

async function activate(db: Kysely<MitidDb>, authenticators: Authenticators, identityId: string, id: string) {
  await db
    .transaction()
    .execute((trx) => authenticators.activate(trx, { id, identityId, kind: 'app', label: id }));
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: of two decisions one wins, a replay changes nothing, a lower level never approves`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      const a = await authentications.create(base(id, 'a1'));
      assert.equal(a.status, 'pending');
      // A swipe gives substantial: the high request stays pending, with the proof added.
      assert.equal(await authentications.addProof(a, proofIn(a, swipe('dev-1'))), true);
      assert.equal((await authentications.get('a1'))?.status, 'pending');
      const read = await authentications.get('a1');
      assert.ok(read);
      const [x, y] = await Promise.all([
        authentications.addProof(read, proofIn(read, pinProof('dev-1'))),
        authentications.reject(read, {
          authenticatorId: 'dev-2',
          challenge: read.challenge ?? '',
          evidence: {},
        }),
      ]);
      assert.equal(Number(x) + Number(y), 1, 'exactly one decision wins');
      const decided = await authentications.get('a1');
      assert.equal(await authentications.addProof(read, proofIn(read, pinProof('dev-1'))), false, 'replay');
      assert.deepEqual(await authentications.get('a1'), decided, 'the replay changed nothing');
      if (decided?.status === 'approved') {
        assert.deepEqual(decided.result, {
          authenticatorId: 'dev-1',
          kind: 'app',
          factors: ['possession', 'knowledge'],
          amr: ['app', 'pin'],
          aal: 'high',
          loa: 'substantial',
        });
      }
      // Expired: nothing is accepted, and it reads expired.
      const b = await authentications.create(base(id, 'b1'));
      now = T0 + AUTHENTICATION_TTL_MS;
      assert.equal((await authentications.get('b1'))?.status, 'expired');
      assert.equal(await authentications.addProof(b, proofIn(b, pinProof('dev-1'))), false);
      assert.equal(await authentications.startStep('b1', 'dev-1', 'sealed'), false);
      assert.equal(await authentications.cancel('b1', 'client'), false);
      assert.deepEqual(await authentications.pendingFor(id, 'app'), []);
    });
  });

  test(`${dialect}: another identity's device sees nothing; a user-ID without an active MitID names nobody`, async () => {
    await withAuthenticators(dialect, 2, async ({ db, identityIds: [mine = '', theirs = ''], hooks }) => {
      const authentications = new Authentications({ db, now: () => T0, hooks });
      await authentications.create(base(mine, 'm1'));
      assert.deepEqual(await authentications.pendingFor(theirs, 'app'), []);
      assert.deepEqual(
        (await authentications.pendingFor(mine, 'app')).map((a) => a.id),
        ['m1'],
      );
      assert.deepEqual(await authentications.pendingFor(mine, 'codeDisplay'), []);
      // The identities are pending activation: a user-ID names nobody, and nobody approves it.
      const nobody = await authentications.create({ ...base(mine, 'n1'), who: { userId: 'authn-user-0' } });
      assert.equal(nobody.identityId, null);
      assert.equal(await authentications.addProof(nobody, proofIn(nobody, pinProof('dev-1'))), false);
      assert.equal(await authentications.forClient('m1', 'another-client'), undefined);
    });
  });

  test(`${dialect}: browser-bound: hidden until verified, consumed once, by its client, from its browser`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      const a = await authentications.create({
        ...base(id, 'w1'),
        channel: { browserHash: 'browser-1', interactionId: 'i-1', secret: 'c2VjcmV0' },
      });
      assert.equal(a.status, 'awaiting_channel');
      assert.deepEqual(await authentications.pendingFor(id, 'app'), []);
      assert.equal(await authentications.startStep('w1', 'dev-1', 'sealed'), false);
      assert.equal(await authentications.addProof(a, proofIn(a, pinProof('dev-1'))), false);
      assert.deepEqual(await authentications.awaitingChannel(id, 'app'), [{ id: 'w1', secret: 'c2VjcmV0' }]);
      assert.deepEqual(await authentications.awaitingChannel('someone-else', 'app'), []);
      assert.equal(await authentications.verifyChannel('w1', 'dev-1'), true);
      assert.equal(await authentications.verifyChannel('w1', 'dev-1'), false);
      assert.deepEqual(await authentications.awaitingChannel(id, 'app'), [], 'verified: no longer awaiting');
      const verified = await authentications.get('w1');
      assert.ok(verified);
      assert.equal(
        await authentications.consume('w1', 'minbank', 'browser-1'),
        undefined,
        'nothing to consume yet',
      );
      assert.ok(await authentications.addProof(verified, proofIn(verified, pinProof('dev-1'))));
      assert.equal(await authentications.consume('w1', 'another-client', 'browser-1'), undefined);
      assert.equal(await authentications.consume('w1', 'minbank', 'browser-2'), undefined);
      assert.equal(await authentications.consume('w1', 'minbank', null), undefined);
      now += 1;
      const results = await Promise.all([
        authentications.consume('w1', 'minbank', 'browser-1'),
        authentications.consume('w1', 'minbank', 'browser-1'),
      ]);
      assert.equal(results.filter((r) => r !== undefined).length, 1, 'consumed once');
      assert.equal((await authentications.get('w1'))?.consumedAt, now);
    });
  });

  test(`${dialect}: a block cancels: the authenticator's steps, and all of a blocked MitID's`, async () => {
    await withAuthenticators(dialect, 1, async (f) => {
      const {
        db,
        identityIds: [id = ''],
        hooks,
        authenticators,
      } = f;
      const authentications = new Authentications({ db, now: () => T0, hooks });
      // The root's table (src/roots/mitid/hooks.ts) for blocks.
      hooks.on('authenticator.blocked', async (trx, e) => {
        await authentications.cancelPendingOf(trx, { authenticatorId: e.authenticatorId });
      });
      hooks.on('identity.blocked', async (trx, e) => {
        await authentications.cancelPendingOf(trx, { identityId: e.identityId });
      });
      await activate(db, authenticators, id, 'dev-1');
      await db.updateTable('identities').set({ status: 'active' }).where('id', '=', id).execute();
      const inStep = await authentications.create(base(id, 's1'));
      const other = await authentications.create(base(id, 's2'));
      assert.ok(await authentications.startStep('s1', 'dev-1', 'sealed'));
      assert.ok(await authenticators.block({ authenticatorId: 'dev-1' }, 'support:1', 'lost'));
      const s1 = await authentications.get('s1');
      assert.equal(s1?.status, 'cancelled');
      assert.equal(s1?.cancelReason, 'blocked');
      assert.equal(s1?.challenge, null);
      assert.equal(
        await authentications.addProof(inStep, {
          ...proofIn(inStep, pinProof('dev-1')),
          stepState: 'sealed',
        }),
        false,
      );
      assert.equal((await authentications.get('s2'))?.status, 'pending');
      assert.ok(await authenticators.block({ identityId: id, all: true }, id, 'person'));
      assert.equal((await authentications.get('s2'))?.status, 'cancelled');
      assert.equal(await authentications.addProof(other, proofIn(other, pinProof('dev-1'))), false);
    });
  });
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: cancelPendingOf with answerable: the authenticator's steps and what no active kind may answer, nothing else`, async () => {
    await withAuthenticators(dialect, 2, async ({ db, identityIds: [mine = '', theirs = ''], hooks }) => {
      let now = T0;
      const authentications = new Authentications({ db, now: () => now, hooks });
      const make = (id: string, kinds: NewAuthentication['kinds'], identityId = mine) =>
        authentications.create({ ...base(identityId, id), kinds });
      // Expired by the time of the block: an old row is left as it is (it reads expired anyway).
      await make('old', ['codeDisplay']);
      now = T0 + AUTHENTICATION_TTL_MS;
      // In a step of the blocked dev-1: cancelled although the app may still answer it.
      await make('step', ['app']);
      assert.ok(await authentications.startStep('step', 'dev-1', 'sealed-1'));
      // In a step of another authenticator, answerable: left alone.
      await make('other-step', ['app']);
      assert.ok(await authentications.startStep('other-step', 'dev-2', 'sealed-2'));
      await make('app', ['app']);
      await make('either', ['codeDisplay', 'app']);
      // No active kind of the person may answer these (one of them waits for its browser).
      await make('display', ['codeDisplay']);
      await authentications.create({
        ...base(mine, 'display-browser'),
        kinds: ['codeDisplay', 'codeReader'],
        channel: { browserHash: 'browser-1', secret: 'c2VjcmV0' },
      });
      // Decided: untouched, whatever its kinds.
      const decided = await make('decided', ['codeDisplay']);
      assert.ok(
        await authentications.reject(decided, {
          authenticatorId: 'dev-3',
          challenge: decided.challenge ?? '',
          evidence: {},
        }),
      );
      // Another identity's, unanswerable by this person's kinds: left alone.
      await make('theirs', ['codeDisplay'], theirs);
      const before = new Map(
        await Promise.all(
          ['old', 'other-step', 'app', 'either', 'decided', 'theirs'].map(
            async (id) => [id, await authentications.get(id)] as const,
          ),
        ),
      );

      const cancel = (answerable: readonly ('app' | 'codeDisplay' | 'codeReader')[]) =>
        db
          .transaction()
          .execute((trx) =>
            authentications.cancelPendingOf(trx, { authenticatorId: 'dev-1', identityId: mine, answerable }),
          );
      // On a transaction that rolls back (a block refused after the hook ran), nothing is cancelled.
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          assert.equal(
            await authentications.cancelPendingOf(trx, {
              authenticatorId: 'dev-1',
              identityId: mine,
              answerable: ['app'],
            }),
            3,
          );
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.equal((await authentications.get('step'))?.status, 'pending');
      assert.equal((await authentications.get('display'))?.status, 'pending');

      assert.equal(await cancel(['app']), 3);
      for (const id of ['step', 'display', 'display-browser']) {
        const a = await authentications.get(id);
        assert.equal(a?.status, 'cancelled', id);
        assert.equal(a?.cancelReason, 'blocked', id);
        assert.equal(a?.decidedAt, now, id);
        assert.equal(a?.challenge, null, id);
        assert.equal(a?.step, null, id);
      }
      for (const [id, a] of before) assert.deepEqual(await authentications.get(id), a, `${id} untouched`);
      assert.deepEqual(
        (await authentications.pendingFor(mine, 'app')).map((a) => a.id),
        ['other-step', 'app', 'either'],
      );
      assert.deepEqual(
        await authentications.pendingFor(mine, 'codeDisplay').then((l) => l.map((a) => a.id)),
        ['either'],
      );
      // The cancelled step's proof is refused.
      const step = await authentications.get('step');
      assert.ok(step);
      assert.equal(
        await authentications.addProof(step, { ...proofIn(step, pinProof('dev-1')), stepState: 'sealed-1' }),
        false,
      );
      // Again: nothing left to cancel.
      assert.equal(await cancel(['app']), 0);

      // Nothing active left: every open one of the identity goes, the other identity's stays.
      assert.equal(await cancel([]), 3);
      for (const id of ['other-step', 'app', 'either']) {
        assert.equal((await authentications.get(id))?.status, 'cancelled', id);
      }
      assert.deepEqual(await authentications.get('old'), before.get('old'));
      assert.equal((await authentications.get('old'))?.status, 'expired');
      assert.deepEqual(await authentications.get('decided'), before.get('decided'));
      assert.equal((await authentications.get('theirs'))?.status, 'pending');
    });
  });
}
