/**
 * What the login box adds to Authentications, on both databases: a uuid is resolved to an active
 * MitID inside the INSERT (else nobody); forInteraction reads an interaction's authentication only
 * for the browser that started it, with its channel only while it awaits one; releaseInteraction
 * cancels the open one as superseded and frees the interaction (its id is unique) for a new start,
 * leaving other interactions alone; requiresUserVerification is the one rule for the PIN.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { T0, withAuthenticators } from '../authenticators/testing/index.ts';
import { IdentityStore } from '../identity/index.ts';
import { Authentications, type NewAuthentication } from './Authentications.ts';
import { AUTHENTICATION_TTL_MS } from './authenticationStates.ts';

const boxed = (id: string, who: NewAuthentication['who'], interactionId: string, browserHash = 'browser-1') =>
  ({
    id,
    clientId: 'minbank',
    serviceName: 'Min Bank',
    action: 'login',
    text: 'Log på hos Min Bank',
    requestedLevel: 'substantial',
    requiresUv: false,
    kinds: ['app'],
    challenge: `challenge-${id}`,
    who,
    channel: { browserHash, interactionId, secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ' },
  }) satisfies NewAuthentication;

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a uuid names an active MitID or nobody`, async () => {
    await withAuthenticators(dialect, 2, async ({ db, identityIds: [active = '', inactive = ''], hooks }) => {
      await new IdentityStore(db).setStatus(active, 'active', T0);
      const a = new Authentications({ db, now: () => T0, hooks });
      assert.equal((await a.create(boxed('u1', { uuid: active }, 'i-1'))).identityId, active);
      assert.equal((await a.get('u1'))?.identityId, active);
      assert.equal((await a.create(boxed('u2', { uuid: inactive }, 'i-2'))).identityId, null);
      assert.equal((await a.create(boxed('u3', { uuid: 'no-such-identity' }, 'i-3'))).identityId, null);
      assert.equal((await a.create(boxed('u4', { uuid: '' }, 'i-4'))).identityId, null);
      assert.equal((await a.create(boxed('u5', { userId: 'AUTHN-USER-0' }, 'i-5'))).identityId, active);
    });
  });

  test(`${dialect}: forInteraction reads only this browser's, its channel only while it awaits one`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      await new IdentityStore(db).setStatus(id, 'active', T0);
      let now = T0;
      const a = new Authentications({ db, now: () => now, hooks });
      await a.create(boxed('f1', { uuid: id }, 'i-1'));
      const read = await a.forInteraction('i-1', 'browser-1');
      assert.equal(read?.authentication.id, 'f1');
      assert.equal(read?.authentication.status, 'awaiting_channel');
      assert.deepEqual(read?.channel, { id: 'f1', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ' });
      assert.equal(await a.forInteraction('i-1', 'browser-2'), undefined);
      assert.equal(await a.forInteraction('i-2', 'browser-1'), undefined);
      assert.equal(await a.verifyChannel('f1', 'device'), true);
      const verified = await a.forInteraction('i-1', 'browser-1');
      assert.equal(verified?.authentication.status, 'pending');
      assert.equal(verified?.channel, null);
      now += AUTHENTICATION_TTL_MS;
      assert.equal((await a.forInteraction('i-1', 'browser-1'))?.authentication.status, 'expired');
    });
  });

  test(`${dialect}: releaseInteraction supersedes the open one and frees the interaction`, async () => {
    await withAuthenticators(dialect, 1, async ({ db, identityIds: [id = ''], hooks }) => {
      let now = T0;
      const a = new Authentications({ db, now: () => now, hooks });
      await a.create(boxed('r1', { uuid: id }, 'i-1'));
      await a.create(boxed('other', { uuid: id }, 'i-2'));
      // The interaction's id is unique: a second start needs the first released.
      await assert.rejects(a.create(boxed('r2', { uuid: id }, 'i-1')));
      assert.equal(await a.releaseInteraction('i-1'), 1);
      const old = await a.get('r1');
      assert.equal(old?.status, 'cancelled');
      assert.equal(old?.cancelReason, 'superseded');
      assert.equal(await a.forInteraction('i-1', 'browser-1'), undefined);
      await a.create(boxed('r2', { uuid: id }, 'i-1'));
      assert.equal((await a.forInteraction('i-1', 'browser-1'))?.authentication.id, 'r2');
      // Another interaction is untouched.
      assert.equal((await a.get('other'))?.status, 'awaiting_channel');
      assert.equal((await a.forInteraction('i-2', 'browser-1'))?.authentication.id, 'other');
      // An expired one is not cancelled (it stays expired) but leaves the interaction too.
      now += AUTHENTICATION_TTL_MS;
      assert.equal(await a.releaseInteraction('i-1'), 0);
      assert.equal((await a.get('r2'))?.status, 'expired');
      assert.equal(await a.forInteraction('i-1', 'browser-1'), undefined);
      assert.equal(await a.releaseInteraction('no-such-interaction'), 0);
    });
  });
}
