/**
 * The next person at a browser must not carry on someone else's enrollment: the wizard asks for
 * the person again after 15 minutes without a request (the injected clock), and at once when the
 * bank says its customer logged out. Each test first carries out the attack (the request reaches
 * the flow with a valid CSRF token and version) and then checks that nothing changed, and that
 * the person who proves who they are again goes on where they were.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MINUTE } from '../../../platform/clock.ts';
import {
  ANNA,
  BANK_SECRET,
  csrfOf,
  type Harness,
  startHarness,
  type TestBrowser,
} from '../../nemid/testing/index.ts';
import { BROWSER_IDLE_MS, EnrollmentStore, sha256 } from '../EnrollmentStore.ts';
import { enrollmentKinds } from '../testing/index.ts';
import { handOverToWizard } from '../testing/walkWizard.ts';
import { ASK_AGAIN_STATUS } from './askForPerson.ts';
import { BIND_COOKIE } from './enrollmentContext.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

const auth = (secret = BANK_SECRET, id = 'minbank') =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** FÅ MITID NU at the bank: the RA call, and the hand-over taken by `b`. */
const handOver = (b: TestBrowser): Promise<{ id: string; base: string }> => handOverToWizard(h, b);

const row = async () =>
  h.database.db.selectFrom('enrollments').selectAll().where('cpr', '=', ANNA.cpr).executeTakeFirstOrThrow();
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

async function acceptTerms(b: TestBrowser, base: string): Promise<void> {
  const page = await b.get(`${base}/vilkaar`);
  const res = await b.post(`${base}/vilkaar`, {
    _csrf: csrfOf(page.body),
    version: version(page.body),
    accept: 'ja',
    terms: '2026-1',
    privacy: '2026-1',
  });
  assert.equal(res.statusCode, 303);
}

function assertAsksAgain(res: { statusCode: number; body: string }, what: string): void {
  assert.equal(res.statusCode, ASK_AGAIN_STATUS, what);
  assert.match(res.body, /Log på igen for at fortsætte/, what);
  assert.ok(!res.body.includes('Anna'), `${what}: the page names no one`);
}

test('an idle wizard asks for the person again; nothing changes, and nothing is lost', async () => {
  const b = h.browser();
  const { base } = await handOver(b);
  await acceptTerms(b, base);

  // Every request keeps the binding alive: a person reading a page for 14 minutes goes on.
  h.clock.advance(BROWSER_IDLE_MS - 1);
  const page = await b.get(`${base}/valg`);
  assert.equal(page.statusCode, 200);
  assert.equal((await row()).browser_expires_at, h.clock.now().getTime() + BROWSER_IDLE_MS);

  // The person walks away; 15 minutes later the next person at the browser carries on, with the
  // page's own CSRF token and version: the request reaches the flow, and is refused.
  h.clock.advance(BROWSER_IDLE_MS);
  const before = await row();
  const attempt = await b.post(`${base}/valg`, {
    _csrf: csrfOf(page.body),
    version: version(page.body),
    authenticator: 'app',
  });
  assertAsksAgain(attempt, 'the step');
  assert.match(attempt.body, new RegExp(`href="${h.config.bankUrl}/"`), 'back to the bank that started it');
  assertAsksAgain(await b.get(`${base}/valg`), 'the page');
  assertAsksAgain(await b.get(`${base}/kontakt`), 'another step’s page');
  assertAsksAgain(
    await b.post(`${base}/tilbage`, { _csrf: csrfOf(page.body), version: version(page.body) }),
    '← Tilbage',
  );
  assert.deepEqual(await row(), before, 'nothing changed, not even the binding');

  // A stranger without the cookie learns nothing new: the flow is not found, as before.
  assert.equal((await h.browser().get(`${base}/valg`)).statusCode, 404);

  // The person logs in to the bank again and presses FÅ MITID NU: on at the same step.
  const { id } = await handOver(b);
  assert.equal(id, before.id);
  const again = await b.get(`${base}/valg`);
  assert.equal(again.statusCode, 200);
  assert.equal(JSON.parse((await row()).state).step, 'choose', 'the accepted terms are kept');
});

test('the bank’s logout ends the binding at once; only the bank that started the flow can', async () => {
  const b = h.browser();
  const { id, base } = await handOver(b);
  const logout = (secret?: string, client?: string, flow = id) =>
    h.app.inject({
      method: 'POST',
      url: `/api/ra/v1/enrollments/${flow}/logout`,
      headers: { authorization: auth(secret, client) },
    });
  assert.equal((await logout('wrong')).statusCode, 401);
  assert.equal((await logout(BANK_SECRET, 'otherbank')).statusCode, 401);
  assert.equal((await logout(BANK_SECRET, 'minbank', 'no-such-flow')).statusCode, 204, 'same answer');
  assert.equal((await b.get(`${base}/valg`)).statusCode, 200, 'none of those ended anything');

  const page = await b.get(`${base}/valg`);
  h.clock.advance(MINUTE);
  assert.equal((await logout()).statusCode, 204);
  const before = await row();
  // The next person at the browser, a minute after the logout, with a valid token and version.
  const attempt = await b.post(`${base}/valg`, {
    _csrf: csrfOf(page.body),
    version: version(page.body),
    authenticator: 'app',
  });
  assertAsksAgain(attempt, 'after the logout');
  assert.deepEqual(await row(), before, 'nothing changed');
  assert.equal(JSON.parse(before.state).step, 'choose');
  assert.notEqual(JSON.parse(before.state).authenticator, 'app', 'the choice was not stored');

  // A hand-over link the logged-out customer had not used yet is void too.
  const pending = await h.app.inject({
    method: 'POST',
    url: '/api/ra/v1/enrollments',
    headers: { authorization: auth() },
    payload: {
      cpr: ANNA.cpr,
      name: 'Anna Berg',
      identifiedBy: 'nemid-keycard',
      identifiedAt: h.clock.now().getTime(),
      returnUrl: `${h.config.bankUrl}/mitid/retur`,
    },
  });
  assert.equal((await logout()).statusCode, 204);
  const link = new URL(pending.json().continueUrl);
  assert.equal((await h.browser().get(link.pathname + link.search)).statusCode, 404);

  // Logged in again: on where the flow was.
  await handOver(b);
  assert.equal((await b.get(`${base}/valg`)).statusCode, 200);
});

test('on MitID.dk the wizard asks for NemID again', async () => {
  await h.database.db.updateTable('enrollments').set({ open: 0 }).execute();
  const binding = 'a-browser-binding-for-the-mitid-dk-route';
  const now = h.clock.now().getTime();
  const { enrollment } = await new EnrollmentStore(h.database.db, enrollmentKinds).start(
    { cpr: ANNA.cpr, route: 'mitid', identifiedBy: 'nemid-keycard', browserHash: sha256(binding) },
    now,
    'mitid-dk-flow',
  );
  const b = h.browser();
  b.cookies.set(BIND_COOKIE, h.app.signCookie(binding));
  assert.equal((await b.get(`/tilmelding/${enrollment.id}/valg`)).statusCode, 200);
  h.clock.advance(BROWSER_IDLE_MS);
  const res = await b.get(`/tilmelding/${enrollment.id}/valg`);
  assertAsksAgain(res, 'MitID.dk');
  assert.match(res.body, /href="\/tilmelding\/mitid-dk"/);
  assert.match(res.body, /Log på med NemID/);
});
