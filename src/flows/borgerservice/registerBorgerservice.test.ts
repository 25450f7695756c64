/**
 * The clerk page in-process, with the staff registry on a real database and a stand-in desk:
 * nothing without a clerk session; wrong and unknown logins answer alike; the clerk sees only
 * today's pickups of their own office; the ID step keeps only the type and the last 4 (never the
 * number, not even in the session); a wrong serial is a clear message and changes nothing; the
 * right one hands over once, also when Udlevér is posted again or ten times at once; a clerk of
 * another office reaches none of it; a disabled clerk's session ends.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config/config.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { openMitidTestDb } from '../../core/people/testing/index.ts';
import { StaffRegistry } from '../../core/staff/index.ts';
import { TestClock } from '../../platform/clock.ts';
import type { TestDatabase } from '../../platform/db/testDb.ts';
import { makeTestApp } from '../../platform/http/testing/makeTestApp.ts';
import { injectBrowser } from '../../platform/oidc/testing/testOp.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { registerBorgerservice } from './index.ts';
import { type FakeDesk, fakeDesk } from './testing/index.ts';

const csrfOf = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const PW = 'skranke-adgangskode-1';
// Tuesday 24 November 2026, 10:00 in Copenhagen.
const clock = new TestClock('2026-11-24T09:00:00Z');
const at = (iso: string) => new Date(iso).getTime();

describe('the Borgerservice clerk page', () => {
  let database: TestDatabase<MitidDb>;
  let app: FastifyInstance;
  let desk: FakeDesk;
  let staff: StaffRegistry;
  let clerkId = '';
  let otherClerkId = '';

  before(async () => {
    database = await openMitidTestDb('sqlite');
    for (const [id, code] of [
      ['bs-101', '101'],
      ['bs-751', '751'],
    ] as const) {
      await database.db
        .insertInto('borgerservice_offices')
        .values({ id, municipality_code: code, name: id, street: 'Gade 1', postal_code: '1000', city: 'By' })
        .execute();
    }
    staff = new StaffRegistry({ db: database.db, clock, random: cryptoRandom });
    const a = await staff.create({
      name: 'Birgit Skranke',
      role: 'clerk',
      officeId: 'bs-101',
      login: 'birgit',
      password: PW,
    });
    const b = await staff.create({
      name: 'Ole Aarhus',
      role: 'clerk',
      officeId: 'bs-751',
      login: 'ole',
      password: PW,
    });
    await staff.create({ name: 'Sif Support', role: 'supporter', login: 'sif', password: PW });
    assert.ok(a.ok && b.ok);
    clerkId = a.staff.id;
    otherClerkId = b.staff.id;
    desk = fakeDesk({ 'bs-101': 'Borgerservice København', 'bs-751': 'Borgerservice Aarhus' }, () =>
      clock.now().getTime(),
    );
    app = await makeTestApp();
    registerBorgerservice(
      app,
      {
        config: loadConfig({}),
        secrets: { cookieKey: 'k'.repeat(32) },
        db: database.db,
        clock,
        random: cryptoRandom,
      } as never,
      desk,
    );
  });
  after(async () => {
    await app.close();
    await database.close();
  });
  beforeEach(() => {
    desk.handOverCalls.length = 0;
    desk.pickups.splice(
      0,
      desk.pickups.length,
      ...[
        {
          officeId: 'bs-101',
          orderId: 'o-anna',
          kind: 'codeDisplay' as const,
          status: 'ready_for_pickup',
          startsAt: at('2026-11-24T10:30:00Z'),
          name: 'Anna Berg',
          birthDate: '1990-01-01',
          serialNumber: 'KV-123456789',
          handover: null,
        },
        {
          officeId: 'bs-101',
          orderId: 'o-bo',
          kind: 'codeReader' as const,
          status: 'ordered',
          startsAt: at('2026-11-24T12:00:00Z'),
          name: 'Bo Ravn',
          birthDate: '1970-05-05',
          serialNumber: null,
          handover: null,
        },
        {
          officeId: 'bs-101',
          orderId: 'o-tomorrow',
          kind: 'codeDisplay' as const,
          status: 'ready_for_pickup',
          startsAt: at('2026-11-25T10:30:00Z'),
          name: 'Carl I Morgen',
          birthDate: '1980-02-02',
          serialNumber: 'KV-999999999',
          handover: null,
        },
        {
          officeId: 'bs-751',
          orderId: 'o-aarhus',
          kind: 'codeDisplay' as const,
          status: 'ready_for_pickup',
          startsAt: at('2026-11-24T11:00:00Z'),
          name: 'Dorte Aarhus',
          birthDate: '1985-03-03',
          serialNumber: 'KV-555555555',
          handover: null,
        },
      ],
    );
  });

  const loggedIn = async (login = 'birgit') => {
    const browser = injectBrowser(() => app);
    const page = await browser.get('/borgerservice');
    const res = await browser.post('/borgerservice/login', { _csrf: csrfOf(page.body), login, password: PW });
    assert.equal(res.statusCode, 303, res.body);
    return browser;
  };

  /** Through the ID step; answers the serial page. */
  const checkId = async (browser: ReturnType<typeof injectBrowser>, orderId = 'o-anna') => {
    const idPage = await browser.get(`/borgerservice/afhentning/${orderId}`);
    assert.equal(idPage.statusCode, 200);
    const res = await browser.post(`/borgerservice/afhentning/${orderId}/legitimation`, {
      _csrf: csrfOf(idPage.body),
      idType: 'passport',
      idNumber: '2096 51 784',
    });
    assert.equal(res.statusCode, 303);
    return browser.get(`/borgerservice/afhentning/${orderId}/serienummer`);
  };

  test('without a clerk session: the login page, no order data, nothing handed over', async () => {
    const stranger = injectBrowser(() => app);
    const page = await stranger.get('/borgerservice');
    assert.match(page.body, /Log på/);
    assert.doesNotMatch(page.body, /Anna Berg/);
    const order = await stranger.get('/borgerservice/afhentning/o-anna');
    assert.doesNotMatch(order.body, /Anna Berg/);
    const post = await stranger.post('/borgerservice/afhentning/o-anna/udlever', {
      _csrf: csrfOf(page.body),
      serial: 'KV-123456789',
    });
    assert.equal(post.statusCode, 303);
    assert.equal(desk.handOverCalls.length, 0);
    assert.equal(desk.pickups[0]?.status, 'ready_for_pickup');
  });

  test('a wrong password, an unknown login and a supporter: clear messages, no session', async () => {
    const browser = injectBrowser(() => app);
    const csrf = csrfOf((await browser.get('/borgerservice')).body);
    const wrong = await browser.post('/borgerservice/login', {
      _csrf: csrf,
      login: 'birgit',
      password: 'not it at all',
    });
    const unknown = await browser.post('/borgerservice/login', {
      _csrf: csrf,
      login: 'nobody',
      password: 'not it at all',
    });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Login eller adgangskode er forkert\./);
    }
    const supporter = await browser.post('/borgerservice/login', { _csrf: csrf, login: 'sif', password: PW });
    assert.match(supporter.body, /hører ikke til et Borgerservice-kontor/);
    assert.equal(browser.cookies.mitid_borgerservice, undefined);
    const noCsrf = await browser.post('/borgerservice/login', { login: 'birgit', password: PW });
    assert.equal(noCsrf.statusCode, 403);
  });

  test("the clerk sees today's pickups of their own office only", async () => {
    const browser = await loggedIn();
    const page = await browser.get('/borgerservice');
    assert.match(page.body, /Dagens afhentninger/);
    assert.match(page.body, /Birgit Skranke, Borgerservice København/);
    assert.match(page.body, /11.30[\s\S]*Anna Berg[\s\S]*MitID kodeviser[\s\S]*Klar til afhentning/);
    assert.match(page.body, /Bo Ravn[\s\S]*Ikke modtaget på kontoret endnu/);
    assert.doesNotMatch(page.body, /Carl I Morgen|Dorte Aarhus/);
    assert.doesNotMatch(page.body, /href="\/borgerservice\/afhentning\/o-bo"/);
  });

  test('the ID step: bad input is named; only the type and the last 4 are kept', async () => {
    const browser = await loggedIn();
    const idPage = await browser.get('/borgerservice/afhentning/o-anna');
    assert.match(idPage.body, /Kontrollér legitimation/);
    const bad = await browser.post('/borgerservice/afhentning/o-anna/legitimation', {
      _csrf: csrfOf(idPage.body),
      idType: 'library card',
      idNumber: '12',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Vælg typen af legitimation\./);
    assert.match(bad.body, /Indtast dokumentnummeret: 5–20 bogstaver og cifre\./);
    const serialPage = await checkId(browser);
    assert.match(serialPage.body, /Scan eller indtast serienummeret/);
    assert.match(serialPage.body, /Legitimation: Pas, nummer der slutter på 1784\./);
    assert.doesNotMatch(serialPage.body, /209651784|2096 51 784/);
    const rows = await database.db.selectFrom('sessions').select('data').execute();
    assert.ok(
      rows.length > 0 && rows.every((r) => !r.data.includes('209651')),
      'the full number is stored nowhere',
    );
  });

  test('a wrong serial: a clear message, nothing changed; the right one hands over once', async () => {
    const browser = await loggedIn();
    const serialPage = await checkId(browser);
    const wrong = await browser.post('/borgerservice/afhentning/o-anna/udlever', {
      _csrf: csrfOf(serialPage.body),
      serial: 'KV-000000000',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Serienummeret passer ikke til bestillingen/);
    assert.equal(desk.pickups[0]?.status, 'ready_for_pickup');
    const empty = await browser.post('/borgerservice/afhentning/o-anna/udlever', {
      _csrf: csrfOf(serialPage.body),
      serial: ' ',
    });
    assert.match(empty.body, /Scan eller indtast serienummeret\./);

    const ok = await browser.post('/borgerservice/afhentning/o-anna/udlever', {
      _csrf: csrfOf(serialPage.body),
      serial: 'kv-123 456 789',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/borgerservice/afhentning/o-anna/udleveret');
    assert.deepEqual(desk.pickups[0]?.handover, {
      staffId: clerkId,
      at: clock.now().getTime(),
      idType: 'passport',
      idLast4: '1784',
    });
    const receipt = await browser.get('/borgerservice/afhentning/o-anna/udleveret');
    assert.match(receipt.body, /Enheden er udleveret/);
    assert.match(receipt.body, /Anna Berg har fået sin MitID kodeviser \(KV-123456789\)/);

    const again = await browser.post('/borgerservice/afhentning/o-anna/udlever', {
      _csrf: csrfOf(serialPage.body),
      serial: 'KV-123456789',
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Enheden er allerede udleveret\./);
    assert.match((await browser.get('/borgerservice')).body, /Udleveret kl\. 10.00/);
  });

  test('ten Udlevér at once: one handover', async () => {
    const browser = await loggedIn();
    const serialPage = await checkId(browser);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        browser.post('/borgerservice/afhentning/o-anna/udlever', {
          _csrf: csrfOf(serialPage.body),
          serial: 'KV-123456789',
        }),
      ),
    );
    assert.equal(results.filter((r) => r.statusCode === 303).length, 1);
    assert.ok(results.every((r) => r.statusCode === 303 || r.statusCode === 409));
    assert.equal(desk.pickups[0]?.handover?.staffId, clerkId);
  });

  test("a clerk of another office reaches none of this office's orders", async () => {
    const other = await loggedIn('ole');
    const list = await other.get('/borgerservice');
    assert.match(list.body, /Dorte Aarhus/);
    assert.doesNotMatch(list.body, /Anna Berg/);
    const order = await other.get('/borgerservice/afhentning/o-anna');
    assert.equal(order.statusCode, 404);
    assert.match(order.body, /findes ikke blandt dagens afhentninger på dit kontor/);
    const csrf = csrfOf(list.body);
    assert.equal(
      (
        await other.post('/borgerservice/afhentning/o-anna/legitimation', {
          _csrf: csrf,
          idType: 'passport',
          idNumber: '123456789',
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await other.post('/borgerservice/afhentning/o-anna/udlever', { _csrf: csrf, serial: 'KV-123456789' }))
        .statusCode,
      404,
    );
    assert.equal(desk.handOverCalls.length, 0);
    assert.equal(desk.pickups[0]?.status, 'ready_for_pickup');
    assert.ok(otherClerkId);
  });

  test('a disabled clerk is logged out at the next request', async () => {
    const browser = await loggedIn();
    const made = await staff.create({
      name: 'Kort Tid',
      role: 'clerk',
      officeId: 'bs-101',
      login: 'kort',
      password: PW,
    });
    assert.ok(made.ok);
    const short = await loggedIn('kort');
    assert.match((await short.get('/borgerservice')).body, /Dagens afhentninger/);
    assert.ok(await staff.disable(made.staff.id));
    const after = await short.get('/borgerservice');
    assert.doesNotMatch(after.body, /Dagens afhentninger|Anna Berg/);
    assert.match(after.body, /Log på/);
    assert.match((await browser.get('/borgerservice')).body, /Dagens afhentninger/);
  });

  test('in English', async () => {
    const browser = await loggedIn();
    const page = await browser.get('/borgerservice?lang=en');
    assert.match(page.body, /Today&#39;s pickups|Today's pickups/);
    assert.match(page.body, /Ready for pickup/);
  });
});
