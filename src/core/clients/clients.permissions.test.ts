/**
 * Abuse cases at the routes, on the real MitID service (both databases): every API takes only a
 * client that is active, knows its secret and holds the API's permission; anything else is the
 * same 401 invalid_client as a wrong secret, and spends nothing of the named client's per-client
 * budget. /nemid/authorize (no secret: the client is named in a browser's URL) starts a login only
 * for an active client holding nemid.login.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  type AppHarness,
  SERVER_SECRET,
  SERVICE_SECRET,
  startAppHarness,
} from '../../kinds/app/testing/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { basicAuthHeader } from '../../platform/http/basicAuth.ts';
import { KEY_RELOAD_MS } from '../../platform/keys/keyPurposes.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { ClientAdmin } from './ClientAdmin.ts';
import { deriveClientSecretKey } from './clientSecretHash.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(dialect, () => {
    let h: AppHarness;
    let admin: ClientAdmin;
    let cpr: string;
    let userId: string;
    before(async () => {
      h = await startAppHarness({ dialect });
      admin = new ClientAdmin({
        db: h.database.db,
        clock: h.clock,
        random: cryptoRandom,
        key: deriveClientSecretKey(SERVER_SECRET),
      });
      ({ cpr, userId } = await h.person());
    });
    after(() => h.close());

    const calls = {
      transactions: (auth: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/transactions',
          headers: { authorization: auth },
          payload: { userId, serviceName: 'Webshoppen', action: 'approve', text: 'Betal 100,00 kr.' },
        }),
      raEnrollments: (auth: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/ra/v1/enrollments',
          headers: { authorization: auth },
          payload: {
            cpr,
            name: 'Jonas Jensen',
            identifiedBy: 'branch',
            identifiedAt: h.clock.now().getTime(),
            returnUrl: `${h.config.bankUrl}/`,
          },
        }),
      raStatus: (auth: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/ra/v1/people/mitid-status',
          headers: { authorization: auth },
          payload: { cpr },
        }),
      raLogout: (auth: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/ra/v1/enrollments/x/logout',
          headers: { authorization: auth },
        }),
      nemidToken: (auth: string) =>
        h.app.inject({
          method: 'POST',
          url: '/nemid/token',
          headers: { authorization: auth },
          payload: {
            grant_type: 'authorization_code',
            code: 'made-up',
            redirect_uri: `${h.config.bankUrl}/auth/nemid/callback`,
          },
        }),
    };
    type Api = keyof typeof calls;

    const invalidClient = (res: LightMyRequestResponse, what: string): void => {
      assert.equal(res.statusCode, 401, what);
      assert.equal(res.json().error, 'invalid_client', what);
      assert.match(String(res.headers['www-authenticate']), /^Basic /, what);
    };
    const hitsOf = async (clientId: string): Promise<number> =>
      (
        await h.database.db.selectFrom('rate_counters').select('hits').where('key', '=', clientId).execute()
      ).reduce((n, r) => n + r.hits, 0);

    test(`${dialect}: each API answers a client without its permission as a wrong secret, and counts nothing`, async () => {
      const added: Record<string, string> = {};
      const only: Record<Api, string> = {
        transactions: 'approvals.create',
        raEnrollments: 'enrollment.start',
        raStatus: 'enrollment.status',
        raLogout: 'enrollment.start',
        nemidToken: 'nemid.login',
      };
      for (const p of ['approvals.create', 'enrollment.start', 'enrollment.status', 'nemid.login']) {
        const id = `only-${p.replace('.', '-')}`;
        const { secret } = await admin.add({
          id,
          name: id,
          permissions: [p],
          origin: new URL(h.config.bankUrl).origin,
        });
        assert.ok(secret);
        added[p] = basicAuthHeader(id, secret.secret);
      }
      h.clock.advance(KEY_RELOAD_MS); // every node's copy has them
      for (const api of Object.keys(calls) as Api[]) {
        for (const [permission, auth] of Object.entries(added)) {
          const res = await calls[api](auth);
          if (permission === only[api]) {
            assert.notEqual(res.statusCode, 401, `${api} with ${permission}: ${res.body}`);
          } else {
            invalidClient(res, `${api} without its permission (has ${permission})`);
          }
        }
      }
      // Refused calls were not counted against the clients they named.
      assert.equal(await hitsOf('only-nemid-login'), 0);
      assert.equal(await hitsOf('only-enrollment-status'), 1, 'its one allowed RA call');
    });

    test(`${dialect}: a wrong secret, an unknown client and no credentials: 401 invalid_client everywhere`, async () => {
      const wrong = basicAuthHeader('minbank', `${SERVICE_SECRET}x`);
      const unknown = basicAuthHeader('no-such-bank', SERVICE_SECRET);
      const before = await hitsOf('minbank');
      for (const api of Object.keys(calls) as Api[]) {
        for (const [what, auth] of [
          ['wrong secret', wrong],
          ['unknown client', unknown],
          ['none', ''],
        ] as const) {
          invalidClient(await calls[api](auth), `${api}: ${what}`);
        }
      }
      assert.equal(await hitsOf('minbank'), before, 'a stranger spends none of Min Bank’s budget');
    });

    test(`${dialect}: a disabled client is refused by every API and cannot start a NemID login`, async () => {
      const bank = basicAuthHeader('minbank', SERVICE_SECRET);
      const authorize = () =>
        h.app.inject({
          method: 'GET',
          url: `/nemid/authorize?client_id=minbank&state=s1&redirect_uri=${encodeURIComponent(`${h.config.bankUrl}/auth/nemid/callback`)}`,
        });
      assert.equal((await calls.transactions(bank)).statusCode, 201);
      assert.equal((await authorize()).statusCode, 302);
      await admin.disable('minbank');
      h.clock.advance(KEY_RELOAD_MS);
      try {
        for (const api of Object.keys(calls) as Api[])
          invalidClient(await calls[api](bank), `${api}: disabled`);
        assert.equal((await authorize()).statusCode, 400);
      } finally {
        await admin.enable('minbank');
        h.clock.advance(KEY_RELOAD_MS);
      }
      assert.equal((await calls.transactions(bank)).statusCode, 201, 'enabled again');
    });
  });
}
