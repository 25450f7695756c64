/**
 * The CPR match of a private service (decision 0013 §6), end to end on both databases: the real
 * MitID service on a loopback port, openid-client as the service, the simulation for the login,
 * the box's CPR page through HTTP as a browser posts it, and the CPR Match API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import {
  authParams,
  Browser,
  discover,
  simulatedLogin,
  startTestOp,
  type TestClient,
  type TestOp,
} from './testOp.ts';

const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the page has its CSRF token');
  return token;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

/** A CPR number of another person (a valid date, not the test person's). */
const otherCpr = (cpr: string): string => `${cpr.slice(0, 6)}${cpr.slice(6) === '9999' ? '9998' : '9999'}`;

interface CprPage {
  url: URL;
  body: string;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`the CPR match on ${dialect}`, () => {
    let op: TestOp;
    let priv: TestClient;
    let privIdura: TestClient;
    let pub: TestClient;
    let cpr: string;
    before(async () => {
      op = await startTestOp(dialect);
      priv = await op.addClient({ id: 'sg-private', dialect: 'signaturgruppen' });
      privIdura = await op.addClient({ id: 'idura-private', dialect: 'idura' });
      pub = await op.addClient({
        id: 'sg-public',
        dialect: 'signaturgruppen',
        permissions: ['oidc.login', 'oidc.cpr'],
      });
      const row = await op.h.database.db
        .selectFrom('identities')
        .select('cpr')
        .where('id', '=', op.identityId)
        .executeTakeFirstOrThrow();
      cpr = row.cpr;
    });
    after(async () => op?.close());

    const mismatches = async (): Promise<number[]> =>
      (await op.h.database.db.selectFrom('cpr_matches').select('mismatches').execute()).map((r) =>
        Number(r.mismatches),
      );

    const triesLogged = async (): Promise<number> =>
      (await op.h.database.db.selectFrom('activity').select('id').where('action', '=', 'cpr_match').execute())
        .length;

    /** A login (the simulation unless `simulation: ''`) that stops at the box: its page. */
    async function toBox(
      config: client.Configuration,
      browser: Browser,
      extra: Record<string, string>,
    ): Promise<CprPage & { p: Awaited<ReturnType<typeof authParams>> }> {
      const p = await authParams(op, extra);
      const r = await browser.follow(client.buildAuthorizationUrl(config, p.params));
      assert.ok('page' in r, `a page, not ${'url' in r ? r.url.href : ''}`);
      return { url: new URL(r.page.url), body: await r.page.text(), p };
    }

    const typeCpr = (browser: Browser, page: CprPage, value: string) =>
      browser.follow(page.url, form({ _csrf: csrfOf(page.body), cpr: value }));

    async function tokensOf(
      config: client.Configuration,
      url: URL,
      p: Awaited<ReturnType<typeof authParams>>,
    ) {
      return client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: p.verifier,
        expectedState: p.state,
        expectedNonce: p.nonce,
      });
    }

    test('a public client gets dk.cpr with no prompt, as before', async () => {
      const config = await discover(op, '/op', pub);
      const { tokens } = await simulatedLogin(op, config, undefined, { scope: 'openid mitid ssn' });
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info['dk.cpr'], cpr);
    });

    test('a private client without a match gets no CPR claim; prompt=none cannot skip the match', async () => {
      const config = await discover(op, '/op', priv);
      const browser = new Browser();
      const { tokens } = await simulatedLogin(op, config, browser, { scope: 'openid mitid' });
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info['dk.cpr'], undefined);
      assert.equal(info['mitid.uuid'], op.identityId);
      const p = await authParams(op, { scope: 'openid mitid ssn', prompt: 'none', simulation: '' });
      const r = await browser.follow(client.buildAuthorizationUrl(config, p.params));
      assert.ok('url' in r);
      assert.equal(r.url.searchParams.get('error'), 'interaction_required');
      assert.equal(r.url.searchParams.get('code'), null);
      const iduraConfig = await discover(op, '/idura', privIdura);
      const idura = await simulatedLogin(op, iduraConfig, undefined, { scope: 'openid' });
      assert.equal(idura.tokens.claims()?.cprNumberIdentifier, undefined);
    });

    test('after the login the box asks for the CPR: a match gives dk.cpr, the log records it (not the number)', async () => {
      const config = await discover(op, '/op', priv);
      const browser = new Browser();
      const page = await toBox(config, browser, { scope: 'openid mitid ssn' });
      assert.match(page.url.pathname, /^\/op\/login\//);
      assert.match(page.body, /Bekræft dit CPR-nummer/);
      assert.match(page.body, /Tjeneste sg-private beder om dit CPR-nummer/);
      const done = await typeCpr(browser, page, `${cpr.slice(0, 6)}-${cpr.slice(6)}`);
      assert.ok('url' in done, 'back at the service');
      const tokens = await tokensOf(config, done.url, page.p);
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info['dk.cpr'], cpr);
      const log = await op.h.database.db
        .selectFrom('activity')
        .selectAll()
        .where('action', '=', 'cpr_match')
        .where('client_id', '=', priv.id)
        .execute();
      assert.equal(log.length, 1);
      assert.equal(log[0]?.result, 'approved');
      assert.equal(log[0]?.identity_id, op.identityId);
      assert.ok(!JSON.stringify(log).includes(cpr), 'the number is not in the log');
      const stored = await op.h.database.db.selectFrom('cpr_matches').selectAll().execute();
      assert.ok(!JSON.stringify(stored).includes(cpr), 'the number is not stored');
    });

    test('a mismatch says how many tries are left; a wrong format is not counted', async () => {
      const config = await discover(op, '/idura', privIdura);
      const browser = new Browser();
      const page = await toBox(config, browser, { scope: 'openid ssn' });
      const wrong = await typeCpr(browser, page, otherCpr(cpr));
      assert.ok('page' in wrong);
      assert.equal(wrong.page.status, 400);
      const wrongBody = await wrong.page.text();
      assert.match(wrongBody, /CPR-nummeret passer ikke til dit MitID\. Du har 2 forsøg tilbage\./);
      assert.ok(!wrongBody.includes(otherCpr(cpr)), 'the number typed is not shown again');
      for (const bad of ['12345', '01019O1234', '010190--1234', '']) {
        const r = await typeCpr(browser, { url: page.url, body: wrongBody }, bad);
        assert.ok('page' in r);
        assert.equal(r.page.status, 400);
        assert.match(
          await r.page.text(),
          bad === '' ? /Indtast dit CPR-nummer\./ : /Et CPR-nummer er 10 cifre/,
        );
      }
      const again = await typeCpr(browser, { url: page.url, body: wrongBody }, otherCpr(cpr));
      assert.ok('page' in again);
      assert.match(await again.page.text(), /Du har 1 forsøg tilbage\./);
      const done = await typeCpr(browser, { url: page.url, body: wrongBody }, cpr);
      assert.ok('url' in done);
      const tokens = await tokensOf(config, done.url, page.p);
      assert.equal(tokens.claims()?.cprNumberIdentifier, cpr);
    });

    test('3 mismatches end the flow with access_denied; the session is locked until a new MitID login', async () => {
      for (const [prefix, c, description] of [
        ['/op', priv, 'cpr_match_exceeded'],
        ['/idura', privIdura, 'cpr match exceeded'],
      ] as const) {
        const config = await discover(op, prefix, c);
        const browser = new Browser();
        const page = await toBox(config, browser, {
          scope: prefix === '/op' ? 'openid mitid ssn' : 'openid ssn',
        });
        let body = page.body;
        for (const left of [2, 1]) {
          const r = await typeCpr(browser, { url: page.url, body }, otherCpr(cpr));
          assert.ok('page' in r);
          body = await r.page.text();
          assert.match(body, new RegExp(`Du har ${left} forsøg tilbage`));
        }
        const last = await typeCpr(browser, { url: page.url, body }, otherCpr(cpr));
        assert.ok('url' in last, 'back at the service');
        assert.equal(last.url.searchParams.get('error'), 'access_denied');
        assert.equal(last.url.searchParams.get('error_description'), description);
        assert.equal(last.url.searchParams.get('code'), null);
        // The same session asks again (without the simulation): a new MitID login, not the CPR page.
        const next = await toBox(config, browser, {
          scope: prefix === '/op' ? 'openid mitid ssn' : 'openid ssn',
          simulation: '',
        });
        assert.match(next.body, /name="userId"/);
        assert.doesNotMatch(next.body, /name="cpr"/);
        // Even the right number cannot pass the lock on the old page.
        const late = await typeCpr(browser, { url: page.url, body }, cpr);
        assert.ok(!('url' in late && late.url.searchParams.get('code')), 'no code after the lock');
      }
    });

    test('a later request adding ssn asks only for the CPR; 16 minutes after the login it asks for a login', async () => {
      const config = await discover(op, '/op', priv);
      const browser = new Browser();
      await simulatedLogin(op, config, browser, { scope: 'openid mitid' });
      const before = await op.h.database.db.selectFrom('authentications').select('id').execute();
      const page = await toBox(config, browser, { scope: 'openid mitid ssn', simulation: '' });
      assert.match(page.body, /Bekræft dit CPR-nummer/, 'only the CPR, no new login');
      const done = await typeCpr(browser, page, cpr);
      assert.ok('url' in done);
      const tokens = await tokensOf(config, done.url, page.p);
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info['dk.cpr'], cpr);
      const afterRows = await op.h.database.db.selectFrom('authentications').select('id').execute();
      assert.equal(afterRows.length, before.length, 'no new authentication');

      // Another session, 16 minutes after its login: asked to log in again.
      const late = new Browser();
      await simulatedLogin(op, config, late, { scope: 'openid mitid' });
      const waiting = await toBox(config, late, { scope: 'openid mitid ssn', simulation: '' });
      assert.match(waiting.body, /name="cpr"/);
      const logged = await triesLogged();
      op.h.clock.advance(16 * 60_000);
      try {
        // The CPR page left open: typing now starts the new login, no try is counted.
        const typed = await late.follow(
          waiting.url,
          form({ _csrf: csrfOf(waiting.body), cpr: otherCpr(cpr) }),
        );
        assert.ok('page' in typed);
        assert.match(await typed.page.text(), /name="userId"/, 'the login step');
        assert.equal(await triesLogged(), logged, 'no try counted');
        // A new request of that session: the login step too.
        const r = await toBox(config, late, { scope: 'openid mitid ssn', simulation: '' });
        assert.match(r.body, /name="userId"/);
      } finally {
        op.h.clock.advance(-16 * 60_000);
      }
    });

    test('a match stays with the session’s person: a new login of theirs does not ask again', async () => {
      const config = await discover(op, '/op', priv);
      const browser = new Browser();
      const page = await toBox(config, browser, { scope: 'openid mitid ssn' });
      assert.ok('url' in (await typeCpr(browser, page, cpr)));
      // prompt=login: a new MitID login (the simulation) in the same session, then straight back.
      const { tokens } = await simulatedLogin(op, config, browser, {
        scope: 'openid mitid ssn',
        prompt: 'login',
      });
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info['dk.cpr'], cpr);
    });

    test('a stranger with their own MitID learns nothing of another’s CPR and cannot touch their tries', async () => {
      const { person: stranger } = await op.h.activatedPerson();
      const config = await discover(op, '/op', priv);
      // The owner's session, one mismatch in it.
      const owner = new Browser();
      const ownerPage = await toBox(config, owner, { scope: 'openid mitid ssn' });
      const ownerWrong = await typeCpr(owner, ownerPage, otherCpr(cpr));
      assert.ok('page' in ownerWrong);
      const ownerBody = await ownerWrong.page.text();
      const ownerRows = async () =>
        op.h.database.db
          .selectFrom('cpr_matches')
          .select(['session_uid', 'mismatches'])
          .where('identity_id', '=', op.identityId)
          .orderBy('session_uid')
          .execute();
      const before = await ownerRows();

      const b = new Browser();
      const page = await toBox(config, b, {
        scope: 'openid mitid ssn',
        simulation: `no-ui uuid:${stranger.identityId}`,
      });
      const messageOf = async (r: Awaited<ReturnType<typeof typeCpr>>) => {
        assert.ok('page' in r);
        assert.equal(r.page.status, 400);
        return /<span class="form-error-message"[^>]*>(.*?)<\/span>\s*</s.exec(await r.page.text())?.[1];
      };
      // The owner's real number, and a number nobody has: the same answer.
      const real = await messageOf(await typeCpr(b, page, cpr));
      const none = await messageOf(await typeCpr(b, page, '3112999999'));
      assert.match(real ?? '', /CPR-nummeret passer ikke til dit MitID\. Du har 2 forsøg tilbage\./);
      assert.equal(real?.replace('2 forsøg', 'N forsøg'), none?.replace('1 forsøg', 'N forsøg'));
      assert.deepEqual(await ownerRows(), before, "the owner's tries are untouched");
      // The API with the stranger's own token: the same.
      const { tokens } = await simulatedLogin(op, config, undefined, {
        scope: 'openid mitid',
        simulation: `no-ui uuid:${stranger.identityId}`,
      });
      for (const value of [cpr, '3112999998']) {
        const r = await fetch(`${op.base}/op/api/v1/cprmatch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.access_token}` },
          body: JSON.stringify({ cpr: value }),
        });
        assert.deepEqual(await r.json(), { match: false });
      }
      assert.deepEqual(await ownerRows(), before);
      // The owner still has 2 tries, and matches.
      const done = await typeCpr(owner, { url: ownerPage.url, body: ownerBody }, cpr);
      assert.ok('url' in done && done.url.searchParams.get('code'));
    });

    test('parallel mismatches never make more than 3 tries', async () => {
      await op.h.database.db.deleteFrom('cpr_matches').execute();
      const config = await discover(op, '/op', priv);
      const browser = new Browser();
      const page = await toBox(config, browser, { scope: 'openid mitid ssn' });
      const results = await Promise.all(
        Array.from({ length: 8 }, () => typeCpr(browser, page, otherCpr(cpr))),
      );
      assert.deepEqual(await mismatches(), [3]);
      const denied = results.filter((r) => 'url' in r && r.url.searchParams.get('error') === 'access_denied');
      assert.ok(denied.length >= 1, 'the flow ended');
      assert.ok(!results.some((r) => 'url' in r && r.url.searchParams.get('code')), 'no code');
    });

    describe('the CPR Match API', () => {
      const api = (token: string | undefined, body: unknown) =>
        fetch(`${op.base}/op/api/v1/cprmatch`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });

      test('match and no match with the person’s access token; bad input and no token change nothing', async () => {
        const config = await discover(op, '/op', priv);
        const { tokens } = await simulatedLogin(op, config, undefined, { scope: 'openid mitid' });
        await op.h.database.db.deleteFrom('cpr_matches').execute();
        const none = await api(undefined, { cpr });
        assert.equal(none.status, 401);
        assert.match(none.headers.get('www-authenticate') ?? '', /invalid_token/);
        assert.equal((await api('not-a-token', { cpr })).status, 401);
        const bad = await api(tokens.access_token, { cpr: '12' });
        assert.equal(bad.status, 400);
        assert.equal(((await bad.json()) as { error: string }).error, 'invalid_request');
        assert.deepEqual(await mismatches(), [], 'nothing counted');
        const no = await api(tokens.access_token, { cpr: otherCpr(cpr) });
        assert.equal(no.status, 200);
        assert.deepEqual(await no.json(), { match: false });
        const yes = await api(tokens.access_token, { cpr: `${cpr.slice(0, 6)}-${cpr.slice(6)}` });
        assert.deepEqual(await yes.json(), { match: true });
        assert.deepEqual(await mismatches(), [1]);
      });

      test('the same 3 tries per session and 15 minutes: then "Cpr Match exceeded"', async () => {
        const config = await discover(op, '/op', priv);
        const { tokens } = await simulatedLogin(op, config, undefined, { scope: 'openid mitid' });
        for (let i = 0; i < 3; i++) {
          assert.deepEqual(await (await api(tokens.access_token, { cpr: otherCpr(cpr) })).json(), {
            match: false,
          });
        }
        for (const value of [otherCpr(cpr), cpr]) {
          const r = await api(tokens.access_token, { cpr: value });
          assert.equal(r.status, 403);
          const body = (await r.json()) as { error: string; error_description: string };
          assert.equal(body.error, 'cpr_match_exceeded');
          assert.match(body.error_description, /^Cpr Match exceeded/);
        }
        const fresh = await simulatedLogin(op, config, undefined, { scope: 'openid mitid' });
        op.h.clock.advance(16 * 60_000);
        try {
          const r = await api(fresh.tokens.access_token, { cpr });
          assert.equal(r.status, 403);
          assert.equal(((await r.json()) as { error: string }).error, 'cpr_match_expired');
        } finally {
          op.h.clock.advance(-16 * 60_000);
        }
      });
    });
  });
}
