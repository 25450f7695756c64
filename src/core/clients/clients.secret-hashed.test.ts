/**
 * A client secret is kept only as its keyed hash and never written to a log: the tables hold
 * neither the secret nor an unkeyed digest of it, the hash is the HMAC under the key derived from
 * the server secret (so a copied table without the key-encryption key is useless), and calls with
 * right and wrong secrets through every API leave neither the secret nor the Authorization header
 * in the service's log at level trace.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { SERVER_SECRET, SERVICE_SECRET, startAppHarness } from '../../kinds/app/testing/index.ts';
import { basicAuthHeader } from '../../platform/http/basicAuth.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { memoryLogger } from '../messages/testing/index.ts';
import { ClientAdmin } from './ClientAdmin.ts';
import { clientSecretHash, deriveClientSecretKey } from './clientSecretHash.ts';

test('secrets are stored as HMACs under the server-derived key, and never logged', async () => {
  const sink = memoryLogger();
  const h = await startAppHarness({ logger: sink.logger, env: { LOG_LEVEL: 'trace' } });
  try {
    const key = deriveClientSecretKey(SERVER_SECRET);
    const admin = new ClientAdmin({ db: h.database.db, clock: h.clock, random: cryptoRandom, key });
    const { secret } = await admin.add({
      id: 'webshop',
      name: 'Webshoppen',
      permissions: ['approvals.create'],
    });
    assert.ok(secret);
    const rotated = await admin.addSecret('webshop');
    h.clock.advance(KEY_RELOAD_MS);

    const secrets = [SERVICE_SECRET, secret.secret, rotated.secret];
    const dump = JSON.stringify([
      await h.database.db.selectFrom('clients').selectAll().execute(),
      await h.database.db.selectFrom('client_secrets').selectAll().execute(),
    ]);
    for (const s of secrets) {
      assert.equal(dump.includes(s), false, 'no secret in the tables');
      for (const enc of ['hex', 'base64', 'base64url'] as const) {
        assert.equal(dump.includes(createHash('sha256').update(s).digest(enc)), false, 'no plain digest');
      }
    }
    const stored = await h.database.db
      .selectFrom('client_secrets')
      .selectAll()
      .where('client_id', '=', 'minbank')
      .execute();
    assert.deepEqual(
      stored.map((r) => r.hash),
      [clientSecretHash(key, 'minbank', SERVICE_SECRET)],
    );
    assert.notEqual(
      clientSecretHash(deriveClientSecretKey('another server secret'), 'minbank', SERVICE_SECRET),
      stored[0]?.hash,
    );

    const headers: string[] = [];
    for (const [id, s] of [
      ['minbank', SERVICE_SECRET],
      ['webshop', secret.secret],
      ['webshop', rotated.secret],
    ] as const) {
      for (const presented of [s, `${s}-wrong`]) {
        const authorization = basicAuthHeader(id, presented);
        headers.push(authorization);
        for (const url of ['/api/transactions', '/api/ra/v1/people/mitid-status', '/nemid/token']) {
          await h.app.inject({ method: 'POST', url, headers: { authorization }, payload: {} });
        }
      }
    }
    const log = sink.lines.join('\n');
    assert.ok(log.length > 0, 'the log was written');
    for (const needle of [...secrets, ...headers, ...headers.map((x) => x.slice('Basic '.length))]) {
      assert.equal(log.includes(needle), false, 'a secret or an Authorization header in the log');
    }
  } finally {
    await h.close();
  }
});
