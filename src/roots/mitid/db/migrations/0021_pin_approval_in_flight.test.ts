/**
 * A PIN approval in flight across 0020_authenticators and 0021_authentications, on both databases:
 * a device and a pending transaction written as the old code wrote them (schema 0018: app_devices
 * with the device's real key and OPAQUE record, app_transactions with its digest and challenge),
 * then the migrations, then the app protocol through the real MitID service on that database: the
 * device's list shows the transaction, the PIN step and the approval go through once, the bank
 * reads it approved at high, and a replayed approval is refused.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import * as opaque from '@serenity-kit/opaque';
import { type Kysely, sql } from 'kysely';
import { transactionDigest } from '../../../../core/authentications/index.ts';
import type { MitidDb } from '../../../../core/db/index.ts';
import { startAppHarness } from '../../../../kinds/app/testing/index.ts';
import { TestClock } from '../../../../platform/clock.ts';
import type { TestDatabase } from '../../../../platform/db/testDb.ts';
import { dialectsUnderTest } from '../../../../platform/db/testDb.ts';
import { migrateToLatest, openDatabaseBefore } from './testing.ts';

/** The harness's clock starts here: the old rows were written a minute before. */
const NOW = new TestClock().now().getTime();
const T = NOW - 60_000;
const PIN = '246810';
const stretching = { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } } as const;

/** The device's side of its activation under the old server: its key pair and OPAQUE record. */
function oldDevice(serverSetup: string, deviceId: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({ password: PIN });
  const { registrationResponse } = opaque.server.createRegistrationResponse({
    serverSetup,
    userIdentifier: deviceId,
    registrationRequest,
  });
  const { registrationRecord } = opaque.client.finishRegistration({
    clientRegistrationState,
    registrationResponse,
    password: PIN,
    keyStretching: stretching,
  });
  return {
    privateKey,
    publicKey: JSON.stringify({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }),
    record: registrationRecord,
  };
}

async function oldRows(db: Kysely<unknown>, device: { publicKey: string; record: string }): Promise<void> {
  await sql`insert into people values ('1505831001', 'Test', 'Person', '1983-05-15', 'Vej 1', '1456', 'København K', '101', ${T})`.execute(
    db,
  );
  await sql`insert into identities (id, cpr, user_id, user_id_norm, status, created_at, updated_at)
    values ('id-0', '1505831001', 'user0', 'user0', 'active', ${T}, ${T})`.execute(db);
  await sql`insert into app_devices (id, identity_id, name, public_key, opaque_record, status, notify_every_use,
      users_in_app, pin_failures, pin_blocked_until, webauthn_credential_id, webauthn_public_key,
      webauthn_counter, webauthn_challenge, webauthn_challenge_expires_at, created_at, updated_at)
    values ('dev-old', 'id-0', 'Jonas’ iPhone', ${device.publicKey}, ${device.record}, 'active', 0,
      1, 0, null, null, null, 0, null, null, ${T}, ${T})`.execute(db);
  const digest = transactionDigest({
    id: 'tx-old',
    serviceName: 'Min Bank',
    action: 'approve',
    text: 'Overfør 1.000,00 kr. til 1234-5678901',
    level: 'high',
    createdAt: T,
  });
  await sql`insert into app_transactions (id, identity_id, client_id, service_name, action, text, level,
      requires_pin, digest, challenge, status, pin_device_id, pin_login_state, created_at, expires_at,
      decided_at, decided_by, method, signature)
    values ('tx-old', 'id-0', 'minbank', 'Min Bank', 'approve', 'Overfør 1.000,00 kr. til 1234-5678901', 'high',
      1, ${digest}, 'challenge-old', 'pending', null, null, ${T}, ${T + 300_000}, null, null, null, null)`.execute(
    db,
  );
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a PIN approval pending before 0020/0021 completes through the app's routes after them`, async () => {
    await opaque.ready;
    const serverSetup = opaque.server.createSetup();
    const device = oldDevice(serverSetup, 'dev-old');
    const database = await openDatabaseBefore(dialect, '0019_clients');
    let closed = false;
    try {
      await oldRows(database.db, device);
      await migrateToLatest(database);
      const h = await startAppHarness({
        database: database as TestDatabase<MitidDb>,
        opaqueServerSetup: serverSetup,
      });
      closed = true;
      try {
        const phone = h.device({ pin: PIN, privateKey: device.privateKey, keyStretching: stretching });
        phone.deviceId = 'dev-old';
        const [tx, ...more] = await phone.pending();
        assert.ok(tx, 'the device lists the transaction written before the migrations');
        assert.deepEqual(more, []);
        assert.deepEqual(
          [tx.id, tx.challenge, tx.requiresPin, tx.expiresAt],
          ['tx-old', 'challenge-old', true, T + 300_000],
        );
        // A wrong PIN first: counted, nothing decided.
        const wrong = await phone.pinLogin(tx.id, '999999');
        assert.equal(wrong.sessionKey, undefined);
        assert.equal((await h.transactionStatus('tx-old')).status, 'pending');
        const approved = await phone.decide(tx, 'approve');
        assert.equal(approved.statusCode, 200, approved.body);
        const status = await h.transactionStatus('tx-old');
        assert.equal(status.status, 'approved');
        const row = await h.database.db
          .selectFrom('authentications')
          .select(['authenticator_id', 'amr', 'aal', 'challenge'])
          .where('id', '=', 'tx-old')
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          { ...row },
          { authenticator_id: 'dev-old', amr: '["app","pin"]', aal: 'high', challenge: null },
        );
        // Once: the same approval again is refused, and the list is empty.
        const again = await phone.decide(tx, 'approve');
        assert.notEqual(again.statusCode, 200);
        assert.deepEqual(await phone.pending(), []);
      } finally {
        await h.close();
      }
    } finally {
      if (!closed) await database.close();
    }
  });
}
