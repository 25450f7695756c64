/**
 * The incidents, defeated (issue 9 item 6), each through the real providers, the real login box
 * and the app's protocol, with openid-client as the service, over real HTTP, on SQLite and
 * PostgreSQL: a stranger who knows only a user-ID cannot get a login approved, and the person's
 * app shows nothing of it; the code goes only to the browser that started the login; a known and
 * an unknown user-ID get the same answer; guessing is slowed per address and per user-ID and never
 * locks the owner out; every use is in the person's activity log; Afbryd, a rejection and the
 * expiry reach the service as `access_denied` in both dialects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { Activity, sweepActivity } from '../../core/activity/index.ts';
import { AUTHENTICATION_TTL_MS } from '../../core/authentications/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  authParams,
  Browser,
  discover,
  startTestOp,
  type TestClient,
  type TestOp,
} from './provider/testOp.ts';

type Device = TestOp['device'];
type Config = client.Configuration;

const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, `the page has its CSRF token:\n${page.slice(0, 400)}`);
  return token;
};

const typedCodeOf = (page: string): string => {
  const code = /id="login-box-typed">([0-9 ]+)</.exec(page)?.[1]?.replace(/\s/g, '');
  assert.ok(code && /^\d{6}$/.test(code), 'the box shows the typed code');
  return code;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

/** A browser behind a proxy the MitID service trusts: every request says where it comes from. */
class BrowserAt extends Browser {
  readonly address: string;
  constructor(address: string) {
    super();
    this.address = address;
  }
  override fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    return super.fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': this.address },
    });
  }
}

interface Login {
  browser: Browser;
  config: Config;
  box: URL;
  verifier: string;
  state: string;
  nonce: string;
  /** The answer to FORTSÆT, read whole. */
  answer: { status: number; location: string | null; cookies: string[]; body: string; ms: number };
}

/** The service sends the browser to the provider; the box asks for the user-ID; FORTSÆT. */
async function startLogin(
  op: TestOp,
  config: Config,
  userId: string,
  browser: Browser = new Browser(),
  extra: Record<string, string> = {},
): Promise<Login> {
  const p = await authParams(op, { simulation: '', scope: 'openid mitid', ...extra });
  const start = await browser.follow(client.buildAuthorizationUrl(config, p.params));
  assert.ok('page' in start, 'the browser stops at the box');
  assert.equal(start.page.status, 200);
  const box = new URL(start.page.url);
  const first = await start.page.text();
  const t0 = performance.now();
  const res = await browser.fetch(box, form({ _csrf: csrfOf(first), userId }));
  const body = await res.text();
  const ms = performance.now() - t0;
  return {
    browser,
    config,
    box,
    verifier: p.verifier,
    state: p.state,
    nonce: p.nonce,
    answer: {
      status: res.status,
      location: res.headers.get('location'),
      cookies: res.headers.getSetCookie(),
      body,
      ms,
    },
  };
}

const page = async (l: Login): Promise<string> => (await l.browser.fetch(l.box)).text();

const statusOf = async (l: Login): Promise<string> => {
  const res = await l.browser.fetch(new URL(`${l.box.pathname}/status?wait=0`, l.box));
  return ((await res.json()) as { status: string }).status;
};

/** The app's side: the typed code over the signed channel call, then its pending list. */
async function prove(device: Device, code: string): Promise<number> {
  return (await device.signed('POST', '/channel', { code })).statusCode;
}

/** The box's done form (as the page posts it once approved): where the browser ends. */
async function done(l: Login, b: Browser = l.browser): Promise<{ url: URL } | { page: Response }> {
  const html = await (await b.fetch(l.box)).text();
  return b.follow(new URL(`${l.box.pathname}/done`, l.box), form({ _csrf: csrfOf(html) }));
}

/** Afbryd, or "Tilbage til <service>" on an end page: the client's callback. */
async function cancel(l: Login): Promise<URL> {
  const html = await page(l);
  const r = await l.browser.follow(new URL(`${l.box.pathname}/cancel`, l.box), form({ _csrf: csrfOf(html) }));
  assert.ok('url' in r, 'back at the service');
  return r.url;
}

const grant = (l: Login, callback: URL) =>
  client.authorizationCodeGrant(l.config, callback, {
    pkceCodeVerifier: l.verifier,
    expectedState: l.state,
    expectedNonce: l.nonce,
  });

/** The service sees `access_denied` (with the dialect's description) and gets no tokens. */
async function refusedAtService(l: Login, callback: URL, description: string): Promise<void> {
  assert.equal(callback.searchParams.get('code'), null);
  await assert.rejects(grant(l, callback), (err: unknown) => {
    assert.ok(err instanceof client.AuthorizationResponseError, String(err));
    assert.equal(err.error, 'access_denied');
    assert.equal(err.error_description, description);
    return true;
  });
}

/** The owner's whole login: their screen's code in their app, approve, done, tokens. */
async function ownerLogsIn(op: TestOp, config: Config, browser: Browser = new Browser()) {
  const l = await startLogin(op, config, op.userId, browser);
  assert.equal(l.answer.status, 303, l.answer.body);
  assert.equal(await prove(op.device, typedCodeOf(await page(l))), 200);
  const [tx] = await op.device.pending();
  assert.ok(tx, 'the owner sees their own login');
  assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);
  const end = await done(l);
  assert.ok('url' in end, 'back at the service');
  const tokens = await grant(l, end.url);
  assert.equal(tokens.claims()?.transaction_id, tx.id);
  return { l, tx, tokens };
}

const DESCRIPTION = { '/op': 'mitid_user_aborted', '/idura': 'user cancelled' } as const;

for (const dialect of await dialectsUnderTest()) {
  describe(`the incidents, defeated, on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let idura: TestClient;
    let configs: Record<'/op' | '/idura', Config>;
    before(async () => {
      op = await startTestOp(dialect, { simulation: false });
      sg = await op.addClient({ id: 'sg-shop', dialect: 'signaturgruppen', testClient: false });
      idura = await op.addClient({ id: 'idura-shop', dialect: 'idura', testClient: false });
      configs = { '/op': await discover(op, '/op', sg), '/idura': await discover(op, '/idura', idura) };
    });
    after(async () => op?.close());

    test('a stranger with only the user-ID gets nothing approved; the app shows nothing; the owner logs in meanwhile', async () => {
      const stranger = await startLogin(op, configs['/op'], op.userId);
      assert.equal(stranger.answer.status, 303);
      const strangerCode = typedCodeOf(await page(stranger));
      assert.equal(await statusOf(stranger), 'awaiting_channel');
      assert.deepEqual(await op.device.pending(), [], "the owner's app shows nothing");

      // The owner logs in at the same time, with their own screen's code.
      const { tokens } = await ownerLogsIn(op, configs['/op']);
      const info = await client.fetchUserInfo(
        configs['/op'],
        tokens.access_token,
        String(tokens.claims()?.sub),
      );
      assert.equal(info['mitid.uuid'], op.identityId, 'the owner is logged in');
      assert.equal(
        await statusOf(stranger),
        'awaiting_channel',
        "the owner's approval is not the stranger's",
      );
      assert.deepEqual(await op.device.pending(), []);

      // The stranger's done has nothing to finish: no code reaches the service.
      const tried = await done(stranger);
      assert.ok('page' in tried, 'no redirect to the service');
      assert.equal(await statusOf(stranger), 'awaiting_channel');

      // A guessed code (not the screen's) opens nothing; the screen's code is what it takes.
      const wrong = strangerCode === '000000' ? '111111' : '000000';
      assert.notEqual(await prove(op.device, wrong), 200);
      assert.deepEqual(await op.device.pending(), []);
      await cancel(stranger);
    });

    test('the code goes only to the browser that started the login', async () => {
      const config = configs['/op'];
      const l = await startLogin(op, config, op.userId);
      assert.equal(await prove(op.device, typedCodeOf(await page(l))), 200);
      const [tx] = await op.device.pending();
      assert.ok(tx);
      assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);

      // Another browser with every cookie of the login but the box's binding (a stolen
      // interaction): its done gets the page "nothing to finish here", and finishes nothing.
      const thief = new Browser();
      for (const [k, v] of l.browser.jar) if (k !== 'mitid_box') thief.jar.set(k, v);
      const stolen = await done(l, thief);
      assert.ok('page' in stolen);
      assert.equal(stolen.page.status, 409);
      assert.match(await stolen.page.text(), /Der er ikke noget at afslutte i denne browser/);
      // A browser with no cookie at all: the box does not know it.
      const stranger = new Browser();
      const bare = await stranger.fetch(new URL(`${l.box.pathname}/status?wait=0`, l.box));
      assert.equal(((await bare.json()) as { status: string }).status, 'unknown');

      // The owner's browser: done, and every hop of the way back recorded.
      const html = await page(l);
      const hops: URL[] = [];
      let url = new URL(`${l.box.pathname}/done`, l.box);
      let init: RequestInit | undefined = form({ _csrf: csrfOf(html) });
      for (let i = 0; i < 8 && !url.href.startsWith('http://127.0.0.1:4199/'); i++) {
        const res = await l.browser.fetch(url, init);
        init = undefined;
        await res.body?.cancel();
        const location = res.headers.get('location');
        assert.ok(location && res.status >= 300 && res.status < 400, `hop ${i}: ${res.status}`);
        url = new URL(location, url);
        hops.push(url);
      }
      const callback = url;
      assert.ok(callback.searchParams.get('code'), 'the starting browser gets the code');
      // The provider's resume URL replayed in another browser (with or without the login's
      // cookies but the box's) gets no code.
      for (const hop of hops.slice(0, -1)) {
        for (const b of [new Browser(), thief]) {
          const r = await b.follow(hop);
          assert.ok(
            !('url' in r && r.url.searchParams.get('code')),
            `no code from ${hop.pathname} in another browser`,
          );
        }
      }
      // The callback URL replayed in another browser: that browser's session at the service has
      // its own state and PKCE verifier; the code is refused for them.
      const other = await startLogin(op, config, 'someone-else-entirely');
      const replayed = new URL(callback);
      replayed.searchParams.set('state', other.state);
      await assert.rejects(
        client.authorizationCodeGrant(config, replayed, {
          pkceCodeVerifier: other.verifier,
          expectedState: other.state,
        }),
        (err: unknown) => {
          assert.ok(err instanceof client.ResponseBodyError, String(err));
          assert.equal(err.error, 'invalid_grant');
          return true;
        },
      );
      await cancel(other);
      // The owner's own session still redeems it (a failed PKCE check burns nothing), once.
      const tokens = await grant(l, callback);
      assert.equal(tokens.claims()?.transaction_id, tx.id);
      await assert.rejects(grant(l, callback), (err: unknown) => {
        assert.ok(err instanceof client.ResponseBodyError, String(err));
        assert.equal(err.error, 'invalid_grant');
        return true;
      });
    });

    test('a known and an unknown user-ID: the same answer (status, body, cookies) in the same time', async () => {
      const config = configs['/idura'];
      // Two people of their own: four starts each stay below the per-user-ID slowdown.
      const known = [
        (await op.h.activatedPerson()).person.userId,
        (await op.h.activatedPerson()).person.userId,
      ];
      const shape = (l: Login) => {
        const uid = l.box.pathname.split('/').pop() ?? '';
        const mask = (s: string) =>
          s
            .replaceAll(uid, 'UID')
            .replace(/name="_csrf" value="[^"]+"/g, 'CSRF')
            .replace(/data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+/g, 'QR')
            .replace(/id="login-box-typed">[0-9 ]+</, 'CODE')
            .replace(/\d{2}:\d{2}(:\d{2})?/g, 'HH:MM');
        return {
          status: l.answer.status,
          location: l.answer.location?.replace(uid, 'UID'),
          cookies: l.answer.cookies.map((c) => c.replace(/=[^;]*/, '=V')).sort(),
          body: mask(l.answer.body),
          mask,
        };
      };
      const knownMs: number[] = [];
      const unknownMs: number[] = [];
      for (let i = 0; i < 8; i++) {
        const k = await startLogin(op, config, known[i % 2] ?? '');
        const u = await startLogin(op, config, `nobody-has-this-${i}-${dialect}`);
        const [ks, us] = [shape(k), shape(u)];
        assert.deepEqual({ ...us, mask: undefined }, { ...ks, mask: undefined }, 'FORTSÆT is answered alike');
        assert.equal(us.mask(await page(u)), ks.mask(await page(k)), 'the waiting page is the same');
        assert.equal(await statusOf(u), await statusOf(k));
        if (i >= 2) {
          knownMs.push(k.answer.ms);
          unknownMs.push(u.answer.ms);
        }
        await cancel(k);
        await cancel(u);
      }
      assert.deepEqual(await op.device.pending(), []);
      const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] ?? 0;
      const [mk, mu] = [median(knownMs), median(unknownMs)];
      assert.ok(Math.abs(mk - mu) < 10 + 0.5 * Math.max(mk, mu), `known ${mk} ms, unknown ${mu} ms`);
    });

    test("a stranger's many starts and wrong codes from their own app never lock the owner out", async () => {
      const owner = await op.h.activatedPerson();
      const strangersApp = await op.h.activatedPerson();
      const config = configs['/idura'];
      // Five starts with the owner's user-ID (the slowdown's allowance), then two slowed ones.
      const strangers: Login[] = [];
      for (let i = 0; i < 7; i++) {
        const s = await startLogin(op, config, owner.person.userId);
        assert.equal(s.answer.status, 303, 'never refused');
        if (i >= 5) assert.ok(s.answer.ms >= 2900, `start ${i + 1} slowed: ${s.answer.ms} ms`);
        strangers.push(s);
      }
      // The stranger types their screens' codes into their own app: wrong proofs for that device.
      const statuses: number[] = [];
      for (const s of strangers) statuses.push(await prove(strangersApp.device, typedCodeOf(await page(s))));
      assert.ok(
        statuses.every((s) => s !== 200),
        statuses.join(),
      );
      assert.equal(statuses.at(-1), 429, "the stranger's device is refused after its wrong proofs");
      assert.deepEqual(await owner.device.pending(), []);
      assert.deepEqual(await strangersApp.device.pending(), []);

      // The owner: slowed (a few seconds), never refused, and their own app approves it.
      const mine = await startLogin(op, config, owner.person.userId);
      assert.equal(mine.answer.status, 303);
      assert.ok(mine.answer.ms >= 2900, `${mine.answer.ms} ms`);
      assert.equal(await prove(owner.device, typedCodeOf(await page(mine))), 200);
      const [tx] = await owner.device.pending();
      assert.ok(tx);
      assert.equal((await owner.device.decide(tx, 'approve')).statusCode, 200);
      const end = await done(mine);
      assert.ok('url' in end);
      const tokens = await grant(mine, end.url);
      const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      assert.equal(info.uuid, owner.person.identityId);
      for (const s of strangers) await cancel(s);
    });

    for (const prefix of ['/op', '/idura'] as const) {
      test(`${prefix}: Afbryd and a rejection reach the service as access_denied; every use is in the activity log`, async () => {
        const person = await op.h.activatedPerson();
        const config = configs[prefix];
        const clientId = prefix === '/op' ? sg.id : idura.id;
        const since = op.h.clock.now().getTime();

        // Approved.
        const a = await startLogin(op, config, person.person.userId);
        assert.equal(await prove(person.device, typedCodeOf(await page(a))), 200);
        const [approvedTx] = await person.device.pending();
        assert.ok(approvedTx);
        assert.equal((await person.device.decide(approvedTx, 'approve')).statusCode, 200);
        const end = await done(a);
        assert.ok('url' in end);
        await grant(a, end.url);

        // Rejected in the app: the box's end page, "Tilbage til <service>", access_denied.
        const r = await startLogin(op, config, person.person.userId);
        assert.equal(await prove(person.device, typedCodeOf(await page(r))), 200);
        const [rejectedTx] = await person.device.pending();
        assert.ok(rejectedTx);
        assert.equal((await person.device.decide(rejectedTx, 'reject')).statusCode, 200);
        assert.equal(await statusOf(r), 'rejected');
        await refusedAtService(r, await cancel(r), DESCRIPTION[prefix]);

        // Afbryd while the app has it.
        const c = await startLogin(op, config, person.person.userId);
        assert.equal(await prove(person.device, typedCodeOf(await page(c))), 200);
        const [cancelledTx] = await person.device.pending();
        assert.ok(cancelledTx);
        await refusedAtService(c, await cancel(c), DESCRIPTION[prefix]);
        assert.deepEqual(await person.device.pending(), [], 'the app no longer shows it');

        const log = await new Activity({ db: op.h.database.db }).forIdentity(person.person.identityId);
        const order = [approvedTx.id, rejectedTx.id, cancelledTx.id];
        const entries = log
          .filter((e) => order.includes(e.authenticationId ?? ''))
          .sort((x, y) => order.indexOf(x.authenticationId ?? '') - order.indexOf(y.authenticationId ?? ''));
        const service = [clientId, `Tjeneste ${clientId}`, 'login', 'substantial'];
        assert.deepEqual(
          entries.map((e) => [
            e.result,
            e.clientId,
            e.serviceName,
            e.action,
            e.level,
            e.kind,
            e.cancelReason,
          ]),
          [
            ['approved', ...service, 'app', null],
            ['rejected', ...service, 'app', null],
            // Nobody answered in the app: no authenticator; the person cancelled it.
            ['cancelled', ...service, null, 'person'],
          ],
        );
        assert.ok(entries[0]?.authenticatorId, 'the approval names the authenticator (the app)');
        assert.equal(entries[1]?.authenticatorId, entries[0]?.authenticatorId);
        assert.equal(entries[2]?.authenticatorId, null);
        for (const e of entries) assert.ok(e.at >= since && e.at <= op.h.clock.now().getTime());
      });
    }
  });

  describe(`expiry through the providers on ${dialect}`, () => {
    // The service's clock is moved past the authentications' lifetime: a service of its own.
    let op: TestOp;
    before(async () => {
      op = await startTestOp(dialect, { simulation: false });
    });
    after(async () => op?.close());

    test("the stranger's code typed by nobody expires; an expired login is access_denied in both dialects; the log says expired", async () => {
      const sg = await op.addClient({ id: 'sg-late', dialect: 'signaturgruppen', testClient: false });
      const idura = await op.addClient({ id: 'idura-late', dialect: 'idura', testClient: false });
      const configs = { '/op': await discover(op, '/op', sg), '/idura': await discover(op, '/idura', idura) };
      const since = op.h.clock.now().getTime();
      const logins = {
        '/op': await startLogin(op, configs['/op'], op.userId),
        '/idura': await startLogin(op, configs['/idura'], op.userId),
      };
      const codes = {
        '/op': typedCodeOf(await page(logins['/op'])),
        '/idura': typedCodeOf(await page(logins['/idura'])),
      };
      assert.deepEqual(await op.device.pending(), []);

      op.h.clock.advance(AUTHENTICATION_TTL_MS + 1000);
      for (const prefix of ['/op', '/idura'] as const) {
        const l = logins[prefix];
        assert.equal(await statusOf(l), 'expired');
        assert.match(await page(l), /Tiden er udløbet/);
        // Typed late, the code opens nothing.
        assert.notEqual(await prove(op.device, codes[prefix]), 200);
        await refusedAtService(l, await cancel(l), DESCRIPTION[prefix]);
      }
      assert.deepEqual(await op.device.pending(), []);
      // The sweep records the expired ones for the person: the stranger's attempts show.
      await sweepActivity(op.h.database.db, op.h.clock.now().getTime());
      const log = await new Activity({ db: op.h.database.db }).forIdentity(op.identityId);
      const entries = log.filter((e) => e.at >= since);
      assert.deepEqual(entries.map((e) => [e.result, e.clientId]).sort(), [
        ['expired', 'idura-late'],
        ['expired', 'sg-late'],
      ]);
      for (const e of entries) {
        assert.equal(e.action, 'login');
        assert.equal(e.kind, null, 'no authenticator answered');
        assert.equal(e.level, 'substantial');
        assert.equal(e.serviceName, `Tjeneste ${e.clientId}`);
      }
    });
  });

  describe(`guessing from one address on ${dialect}`, () => {
    let op: TestOp;
    before(async () => {
      op = await startTestOp(dialect, {
        simulation: false,
        env: { TRUST_PROXY: '127.0.0.1,::1', RATE_LIMIT_PAGES: '6' },
      });
    });
    after(async () => op?.close());

    test("a guessing address is slowed by the box's throttle; the owner from their own address logs in", async () => {
      const sg = await op.addClient({ id: 'sg-guess', dialect: 'signaturgruppen', testClient: false });
      const config = await discover(op, '/op', sg);
      const guesser = new BrowserAt('203.0.113.66');
      const statuses: number[] = [];
      // One interaction, user-IDs typed again and again at FORTSÆT.
      const l = await startLogin(op, config, 'guess-0', guesser);
      statuses.push(l.answer.status);
      for (let i = 1; i < 8; i++) {
        const html = await (await guesser.fetch(l.box)).text();
        const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const res = await guesser.fetch(l.box, form({ _csrf: token, userId: `guess-${i}` }));
        await res.body?.cancel();
        statuses.push(res.status);
      }
      assert.ok(statuses.includes(429), statuses.join());
      assert.equal(statuses[0], 303);
      // The owner, behind another address, is not slowed by it.
      await ownerLogsIn(op, config, new BrowserAt('198.51.100.7'));
    });
  });
}
