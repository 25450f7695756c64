/**
 * The decoupled approval (CIBA poll mode) on both databases, with openid-client 6.9.0 as the
 * service: the request, the polls (authorization_pending, slow_down), the person's answer in the
 * app over the app protocol (approve with the PIN, reject, reject and report), the expiry, the
 * limits per client and person and per person, and what a stranger who knows only a uuid or a
 * CPR number learns (nothing: the same answers as for a real person).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { pino } from 'pino';
import { Activity } from '../../../core/activity/index.ts';
import { SERVER_SECRET, SERVICE_SECRET } from '../../../kinds/app/testing/index.ts';
import { systemClock } from '../../../platform/clock.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { KeyRing } from '../../../platform/keys/KeyRing.ts';
import { newOidcSigningKey } from '../../../platform/keys/oidcSigningKey.ts';
import { cryptoRandom } from '../../../platform/random.ts';
import { buildMitidApp } from '../../../roots/mitid/app.ts';
import { CIBA_GRANT, CIBA_LIMITS, LINK_KEPT_MS, sweepCibaRequests } from './ciba.ts';
import { discover, startTestOp, type TestClient, type TestOp } from './testOp.ts';

type Device = TestOp['device'];

/** The OAuth error code of a refused call, or 'ok'. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    const e = err as { error?: string; cause?: { error?: string } };
    if (typeof e.error === 'string') return e.error;
    if (typeof e.cause?.error === 'string') return e.cause.error;
    throw err;
  }
}

const sgHint = (uuid: string) => ({ login_hint_token: JSON.stringify({ uuid }) });

for (const dialect of await dialectsUnderTest()) {
  describe(`CIBA on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let sgConfig: client.Configuration;
    let idura: TestClient;
    let iduraConfig: client.Configuration;
    const start = (config: client.Configuration, params: Record<string, string>) =>
      client.initiateBackchannelAuthentication(config, {
        scope: 'openid',
        binding_message: 'Bekræft opkald fra Min Bank: 4821',
        ...params,
      });
    const poll = (config: client.Configuration, authReqId: string) => {
      // The service waits the interval between polls; the provider's clock stands still otherwise.
      op.h.clock.advance(3000);
      return client.genericGrantRequest(config, CIBA_GRANT, { auth_req_id: authReqId });
    };
    /** To the start of a limits window (fixed windows: a test counting to a limit must not straddle two). */
    const freshWindow = () => {
      const { windowMs } = CIBA_LIMITS.clientPerson;
      op.h.clock.advance(windowMs - (op.h.clock.now().getTime() % windowMs));
    };
    const person = async (): Promise<{ identityId: string; userId: string; device: Device; cpr: string }> => {
      const { person: p, device } = await op.h.activatedPerson();
      return { identityId: p.identityId, userId: p.userId, device, cpr: p.cpr };
    };

    // Both nodes of the "any node" test sign with the same key, as nodes sharing a key store do.
    const signing = new KeyRing(
      'oidc-signing',
      [
        {
          purpose: 'oidc-signing',
          version: 1,
          secret: newOidcSigningKey(),
          createdAt: 0,
          activatesAt: 0,
          retiredAt: null,
        },
      ],
      systemClock,
    );

    before(async () => {
      op = await startTestOp(dialect, { signing });
      sg = await op.addClient({
        id: 'sg-ciba',
        dialect: 'signaturgruppen',
        permissions: ['oidc.login', 'oidc.ciba'],
        testClient: false,
      });
      sgConfig = await discover(op, '/op', sg);
      idura = await op.addClient({
        id: 'idura-ciba',
        dialect: 'idura',
        permissions: ['oidc.login', 'oidc.ciba'],
        testClient: false,
      });
      iduraConfig = await discover(op, '/idura', idura);
    });
    after(async () => op?.close());

    test('discovery names the endpoints; a client without oidc.ciba may not use them', async () => {
      assert.equal(
        sgConfig.serverMetadata().backchannel_authentication_endpoint,
        `${op.base}/op/connect/ciba`,
      );
      assert.equal(
        iduraConfig.serverMetadata().backchannel_authentication_endpoint,
        `${op.base}/idura/ciba/bc-authorize`,
      );
      const plain = await op.addClient({ id: 'sg-plain', dialect: 'signaturgruppen', testClient: false });
      const config = await discover(op, '/op', plain);
      const refused = (await start(config, sgHint(op.identityId)).catch((e: unknown) => e)) as {
        error?: string;
        error_description?: string;
      };
      // The library's answer (its grant-type check), not unauthorized_client.
      assert.equal(refused.error, 'invalid_request');
      assert.match(String(refused.error_description), /grant-type:ciba is not allowed for this client/);
    });

    test('start, pending, slow_down, approve with the PIN in the app: tokens of that approval', async () => {
      const p = await person();
      const started = await start(sgConfig, { ...sgHint(p.identityId), scope: 'openid mitid' });
      assert.equal(started.expires_in, 300);
      assert.equal(started.interval, 3);
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'authorization_pending');
      // Polled again at once: slow_down.
      assert.equal(
        await outcome(client.genericGrantRequest(sgConfig, CIBA_GRANT, { auth_req_id: started.auth_req_id })),
        'slow_down',
      );

      const [tx] = await p.device.pending();
      assert.ok(tx);
      assert.equal(tx.serviceName, 'Tjeneste sg-ciba');
      assert.equal(tx.text, 'Bekræft opkald fra Min Bank: 4821');
      assert.equal(tx.action, 'approve');
      assert.equal(tx.decoupled, true);
      assert.equal(tx.requiresPin, true, 'an approval needs the PIN or biometrics');
      assert.equal((await p.device.decide(tx, 'approve')).statusCode, 200);

      const tokens = await poll(sgConfig, started.auth_req_id);
      const claims = tokens.claims();
      assert.equal(claims?.transaction_id, tx.id);
      assert.equal(claims?.acr, 'https://data.gov.dk/concept/core/nsis/Substantial');
      const info = await client.fetchUserInfo(sgConfig, tokens.access_token, String(claims?.sub));
      assert.equal(info['mitid.uuid'], p.identityId);
      // Handed out once.
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'invalid_grant');
    });

    test('Idura: login_hint uuid:<uuid>, acr_values high; Signaturgruppen: a base64 login_hint_token, acr_values High', async () => {
      const p = await person();
      const started = await start(iduraConfig, {
        login_hint: `uuid:${p.identityId}`,
        acr_values: 'urn:grn:authn:dk:mitid:high',
      });
      const [tx] = await p.device.pending();
      assert.equal(tx?.level, 'high');
      assert.ok(tx);
      assert.equal((await p.device.decide(tx, 'approve')).statusCode, 200);
      const tokens = await poll(iduraConfig, started.auth_req_id);
      assert.equal(tokens.claims()?.uuid, p.identityId);

      const b64 = Buffer.from(JSON.stringify({ uuid: p.identityId })).toString('base64');
      const second = await start(sgConfig, {
        login_hint_token: b64,
        acr_values: 'https://data.gov.dk/concept/core/nsis/High',
      });
      const [tx2] = await p.device.pending();
      assert.ok(tx2);
      assert.equal(tx2.level, 'high', "Signaturgruppen's level URI in acr_values");
      assert.equal((await p.device.decide(tx2, 'approve')).statusCode, 200);
      assert.ok((await poll(sgConfig, second.auth_req_id)).access_token);
    });

    test('rejected in the app: access_denied', async () => {
      const p = await person();
      const started = await start(sgConfig, sgHint(p.identityId));
      const [tx] = await p.device.pending();
      assert.ok(tx);
      assert.equal((await p.device.decide(tx, 'reject')).statusCode, 200);
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'access_denied');
    });

    test('reject and report: access_denied, the activity log has it, the next request is refused', async () => {
      const p = await person();
      const started = await start(sgConfig, sgHint(p.identityId));
      const other = await start(sgConfig, sgHint(p.identityId));
      const fromIdura = await start(iduraConfig, { login_hint: `uuid:${p.identityId}` });
      const [tx] = await p.device.pending();
      assert.ok(tx);
      assert.equal((await p.device.decide(tx, 'reject', { report: true })).statusCode, 200);
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'access_denied');
      // The reported service's other open request is cancelled with it; another service's stays.
      assert.equal(await outcome(poll(sgConfig, other.auth_req_id)), 'access_denied');
      assert.equal(await outcome(poll(iduraConfig, fromIdura.auth_req_id)), 'authorization_pending');
      assert.deepEqual(
        (await p.device.pending()).map((t) => t.serviceName),
        ['Tjeneste idura-ciba'],
      );
      const log = await new Activity({ db: op.h.database.db }).forIdentity(p.identityId);
      const entry = log.find((e) => e.authenticationId === tx.id);
      assert.equal(entry?.result, 'rejected');
      assert.equal(entry?.reported, true);
      assert.deepEqual(
        log.filter((e) => e.authenticationId !== tx.id).map((e) => [e.result, e.cancelReason, e.reported]),
        [['cancelled', 'person', false]],
      );

      assert.equal(await outcome(start(sgConfig, sgHint(p.identityId))), 'access_denied');
      assert.equal((await p.device.pending()).length, 1, 'nothing more reached the app');
      // Another service may still ask; the block ends after a day.
      await start(iduraConfig, { login_hint: `uuid:${p.identityId}` });
      op.h.clock.advance(24 * 3600_000 + 1000);
      assert.equal(await outcome(start(sgConfig, sgHint(p.identityId))), 'ok');
    });

    test('a report only for a CIBA request, only with reject', async () => {
      const p = await person();
      await start(sgConfig, sgHint(p.identityId));
      const [tx] = await p.device.pending();
      assert.ok(tx);
      const res = await p.device.decide(tx, 'approve', { report: true, withPin: false });
      assert.equal(res.statusCode, 400, res.body);
      const created = await op.h.createTransaction({
        userId: p.userId,
        serviceName: 'Min Bank',
        action: 'confirm',
        text: 'Bekræft adresseændring',
        level: 'substantial',
      });
      assert.equal(created.statusCode, 201, created.body);
      const api = (await p.device.pending()).find((t) => !t.decoupled);
      assert.ok(api);
      assert.equal((await p.device.decide(api, 'reject', { report: true })).statusCode, 400);
    });

    test('any node: the request at one node, the poll and the tokens at another', async () => {
      const node2: FastifyInstance = await buildMitidApp({
        config: op.h.config,
        secrets: {
          cookieKey: 'another-nodes-cookie-key-0123456789abcdef',
          serverSecret: SERVER_SECRET,
          bankClientSecret: SERVICE_SECRET,
          oidcSigning: signing,
        },
        db: op.h.database.db,
        clock: op.h.clock,
        random: cryptoRandom,
        logger: pino({ level: 'silent' }),
      });
      try {
        const url = await node2.listen({ host: '127.0.0.1', port: 0 });
        const p = await person();
        const started = await start(sgConfig, sgHint(p.identityId));
        const viaNode2 = new client.Configuration(
          {
            ...(JSON.parse(JSON.stringify(sgConfig.serverMetadata())) as client.ServerMetadata),
            token_endpoint: `${url}/op/connect/token`,
          },
          sg.id,
          {},
          client.ClientSecretBasic(sg.secret),
        );
        client.allowInsecureRequests(viaNode2);
        assert.equal(await outcome(poll(viaNode2, started.auth_req_id)), 'authorization_pending');
        const [tx] = await p.device.pending();
        assert.ok(tx);
        assert.equal((await p.device.decide(tx, 'approve')).statusCode, 200);
        const tokens = await poll(viaNode2, started.auth_req_id);
        assert.equal(tokens.claims()?.transaction_id, tx.id);
      } finally {
        await node2.close();
      }
    });

    test('not answered: expired_token; the sweep forgets the link an hour later', async () => {
      const p = await person();
      const started = await start(sgConfig, sgHint(p.identityId));
      op.h.clock.advance(5 * 60_000);
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'expired_token');
      const now = op.h.clock.now().getTime();
      assert.ok((await sweepCibaRequests(op.h.database.db, now + LINK_KEPT_MS)) >= 1);
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'invalid_grant');
    });

    test('two polls at once after the approval: the tokens are handed out once', async () => {
      const p = await person();
      const started = await start(sgConfig, sgHint(p.identityId));
      const [tx] = await p.device.pending();
      assert.ok(tx);
      assert.equal((await p.device.decide(tx, 'approve')).statusCode, 200);
      op.h.clock.advance(3000);
      const both = await Promise.all(
        [1, 2].map(() =>
          outcome(client.genericGrantRequest(sgConfig, CIBA_GRANT, { auth_req_id: started.auth_req_id })),
        ),
      );
      // The other: slow_down when both polls ran together, invalid_grant (consumed) when it came second.
      assert.equal(both.filter((o) => o === 'ok').length, 1, both.join());
      assert.ok(['slow_down', 'invalid_grant'].includes(both.find((o) => o !== 'ok') ?? ''), both.join());
      assert.equal(await outcome(poll(sgConfig, started.auth_req_id)), 'invalid_grant', 'handed out once');
    });

    test('flood: per client and person, then per person across clients; nothing more reaches the app', async () => {
      const p = await person();
      freshWindow();
      const { clientPerson, person: perPerson } = CIBA_LIMITS;
      for (let i = 0; i < clientPerson.max; i++) await start(sgConfig, sgHint(p.identityId));
      assert.equal(await outcome(start(sgConfig, sgHint(p.identityId))), 'access_denied');
      assert.equal((await p.device.pending()).length, clientPerson.max);

      const more: client.Configuration[] = [iduraConfig];
      for (let i = 0; more.length * clientPerson.max < perPerson.max; i++) {
        const c = await op.addClient({
          id: `sg-flood-${i}`,
          dialect: 'signaturgruppen',
          permissions: ['oidc.login', 'oidc.ciba'],
          testClient: false,
        });
        more.push(await discover(op, '/op', c));
      }
      let sent = clientPerson.max;
      for (const config of more) {
        for (let i = 0; i < clientPerson.max && sent < perPerson.max; i++, sent++) {
          const hint = config === iduraConfig ? { login_hint: `uuid:${p.identityId}` } : sgHint(p.identityId);
          assert.equal(await outcome(start(config, hint)), 'ok');
        }
      }
      const last = more.at(-1) as client.Configuration;
      assert.equal(await outcome(start(last, sgHint(p.identityId))), 'access_denied');
      assert.equal((await p.device.pending()).length, perPerson.max);
    });

    test('an unknown uuid or CPR gets the same answers as a person with MitID', async () => {
      const cpr = await op.addClient({
        id: 'sg-ciba-cpr',
        dialect: 'signaturgruppen',
        permissions: ['oidc.login', 'oidc.ciba', 'oidc.cpr'],
        testClient: false,
      });
      const cprConfig = await discover(op, '/op', cpr);
      const known = await person();
      freshWindow();
      const hints = [
        { login_hint_token: JSON.stringify({ uuid: '0b6e2f38-3c1a-4f7e-9d55-6a1f0c7e2b11' }) },
        { login_hint_token: JSON.stringify({ cpr: '0101011234' }) },
        { login_hint_token: JSON.stringify({ cpr: known.cpr }) },
      ];
      const answers: string[][] = [];
      for (const hint of hints) {
        const seen: string[] = [];
        for (let i = 0; i <= CIBA_LIMITS.clientPerson.max; i++) {
          const r = await outcome(
            start(cprConfig, hint).then(async (s) => {
              assert.deepEqual([s.expires_in, s.interval], [300, 3]);
              seen.push(await outcome(poll(cprConfig, s.auth_req_id)));
            }),
          );
          seen.push(r);
        }
        answers.push(seen);
      }
      assert.deepEqual(answers[0], answers[2]);
      assert.deepEqual(answers[1], answers[2]);
      assert.equal((await known.device.pending()).length, CIBA_LIMITS.clientPerson.max);
    });

    test('bad requests: a clear error, and nothing counted or sent', async () => {
      const p = await person();
      freshWindow();
      const bad: [Record<string, string>, string][] = [
        [{ binding_message: '' }, 'invalid_binding_message'],
        [{ binding_message: 'Godkend\u0007' }, 'invalid_binding_message'],
        [{ binding_message: 'x'.repeat(131) }, 'invalid_binding_message'],
        [{ login_hint_token: '{"uuid": "not-a-uuid"}' }, 'invalid_request'],
        [
          { login_hint_token: '{"uuid": "0b6e2f38-3c1a-4f7e-9d55-6a1f0c7e2b11", "cpr": "0101011234"}' },
          'invalid_request',
        ],
        [{ login_hint_token: '%%%' }, 'invalid_request'],
        [{ login_hint_token: JSON.stringify({ cpr: p.cpr }) }, 'invalid_request'],
        [{ user_code: '1234' }, 'invalid_request'],
        [{ acr_values: 'urn:grn:authn:dk:mitid:high' }, 'invalid_request'],
      ];
      for (const [params, error] of bad) {
        const all = { ...sgHint(p.identityId), ...params };
        assert.equal(await outcome(start(sgConfig, all)), error, JSON.stringify(params));
      }
      const res = await fetch(`${op.base}/op/connect/ciba`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sg.id}:${sg.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ scope: 'openid', ...sgHint(p.identityId) }),
      });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error, 'invalid_binding_message', 'binding_message is required');
      assert.deepEqual(await p.device.pending(), []);
      for (let i = 0; i < CIBA_LIMITS.clientPerson.max; i++) {
        assert.equal(await outcome(start(sgConfig, sgHint(p.identityId))), 'ok', 'nothing was counted');
      }
    });
  });
}
