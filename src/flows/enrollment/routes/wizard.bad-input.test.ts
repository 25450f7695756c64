/**
 * Every step of the wizard with bad input: a clear answer and nothing changed. Also stale posts
 * (double click, back button), another browser, an expired flow, and the code attempt limit.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MessageStore } from '../../../core/messages/index.ts';
import { DAY } from '../../../platform/clock.ts';
import { ANNA, csrfOf, type Harness, startHarness, type TestBrowser } from '../../nemid/testing/index.ts';
import { handOverToWizard } from '../testing/walkWizard.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h?.close());

const startFlow = (): Promise<{ b: TestBrowser; base: string }> => handOverToWizard(h);

const row = async () =>
  h.database.db.selectFrom('enrollments').selectAll().where('cpr', '=', ANNA.cpr).executeTakeFirstOrThrow();
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

async function post(b: TestBrowser, path: string, fields: Record<string, string>) {
  const page = await b.get(path);
  return b.post(path, { _csrf: csrfOf(page.body), version: version(page.body), ...fields });
}

test('bad input on every step is refused with a message, and changes nothing', async () => {
  const { b, base } = await startFlow();

  // Terms: no tick; a forged post without the CSRF token; a stale version.
  let res = await post(b, `${base}/vilkaar`, { terms: '2026-1', privacy: '2026-1' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Du skal acceptere vilkår og betingelser/);
  res = await b.post(`${base}/vilkaar`, { accept: 'ja', terms: '2026-1', privacy: '2026-1', version: '2' });
  assert.equal(res.statusCode, 403);
  res = await post(b, `${base}/vilkaar`, { accept: 'ja', terms: '1999-1', privacy: '2026-1' });
  assert.equal(res.statusCode, 400, 'a version that is not the current one');
  assert.equal(JSON.parse((await row()).state).step, 'terms');
  assert.equal((await h.database.db.selectFrom('terms_acceptances').selectAll().execute()).length, 0);

  res = await post(b, `${base}/vilkaar`, { accept: 'ja', terms: '2026-1', privacy: '2026-1' });
  assert.equal(res.statusCode, 303);
  // The same post again (double click) has no second effect.
  const page = await b.get(`${base}/valg`);
  res = await b.post(`${base}/vilkaar`, {
    _csrf: csrfOf(page.body),
    accept: 'ja',
    terms: '2026-1',
    privacy: '2026-1',
    version: '1',
  });
  assert.equal(res.statusCode, 303);
  assert.equal((await h.database.db.selectFrom('terms_acceptances').selectAll().execute()).length, 2);

  // Choose: nothing, or something that is not offered (the chip is bought later).
  for (const value of ['', 'chip', 'x'.repeat(500)]) {
    res = await post(b, `${base}/valg`, { authenticator: value });
    assert.equal(res.statusCode, 400, value);
    assert.match(res.body, /Vælg et identifikationsmiddel/);
  }
  res = await post(b, `${base}/valg`, { authenticator: 'app', version: '1' });
  assert.match(String(res.headers.location), /flyttet=1/, 'a stale post is sent to the current step');
  assert.equal(JSON.parse((await row()).state).step, 'choose');
  res = await post(b, `${base}/valg`, { authenticator: 'app' });
  assert.equal(res.statusCode, 303);

  // Contact: the app needs a confirmed mobile number.
  res = await post(b, `${base}/kontakt`, { action: 'continue' });
  assert.equal(res.statusCode, 400);
  for (const number of ['', '1234567', '123456789', '+46 12345678', 'abcdefgh', '1'.repeat(300)]) {
    res = await post(b, `${base}/kontakt`, { action: 'mobile', mobile: number });
    assert.equal(res.statusCode, 400, number);
    assert.match(res.body, /Indtast et dansk mobilnummer med 8 cifre/);
  }
  res = await post(b, `${base}/kontakt`, { action: 'email', email: 'not-an-address' });
  assert.equal(res.statusCode, 400);
  assert.equal((await row()).mobile, null);
  assert.equal((await row()).email, null);
  res = await post(b, `${base}/kontakt`, { action: 'nonsense' });
  assert.equal(res.statusCode, 200);

  res = await post(b, `${base}/kontakt`, { action: 'mobile', mobile: '20 30 40 50' });
  assert.equal(res.statusCode, 303);
  const sms = await new MessageStore(h.database.db).latestTo('+4520304050', 'sms');
  const code = /(\d{6})/.exec(sms?.body ?? '')?.[1] ?? '';
  // A malformed code costs no try; three wrong codes block it, and then even the right one fails.
  res = await post(b, `${base}/kontakt`, { action: 'mobileCode', mobileCode: '12' });
  assert.match(res.body, /Koden skal være 6 tal/);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 3; i++)
    res = await post(b, `${base}/kontakt`, { action: 'mobileCode', mobileCode: wrong });
  res = await post(b, `${base}/kontakt`, { action: 'mobileCode', mobileCode: code });
  assert.equal(res.statusCode, 400);
  assert.equal(JSON.parse((await row()).state).mobileConfirmed, false);
  // A new code (resend) works.
  res = await post(b, `${base}/kontakt`, { action: 'mobileResend' });
  const fresh =
    /(\d{6})/.exec((await new MessageStore(h.database.db).latestTo('+4520304050', 'sms'))?.body ?? '')?.[1] ??
    '';
  res = await post(b, `${base}/kontakt`, { action: 'mobileCode', mobileCode: fresh });
  assert.equal(res.statusCode, 303);
  assert.equal(JSON.parse((await row()).state).mobileConfirmed, true);
  res = await post(b, `${base}/kontakt`, { action: 'continue' });
  assert.equal(res.statusCode, 303);

  // User-ID: every broken rule is named; nothing is created.
  for (const [value, message] of [
    ['abc', /mindst 5 tegn/],
    [' leading', /mellemrum/],
    ['0101901234', /CPR/],
    ['x'.repeat(49), /højst 48|48/],
  ] as const) {
    res = await post(b, `${base}/bruger-id`, { userId: value });
    assert.equal(res.statusCode, 400, value);
    assert.match(res.body, message, value);
  }
  assert.equal((await h.database.db.selectFrom('identities').selectAll().execute()).length, 0);
});

test('another browser cannot use the flow, and an expired flow says so', async () => {
  const { b, base } = await startFlow();
  const stranger = h.browser();
  assert.equal((await stranger.get(`${base}/bruger-id`)).statusCode, 404);
  assert.equal((await b.get(`${base}/bruger-id`)).statusCode, 200);
  h.clock.advance(8 * DAY);
  const expired = await b.get(`${base}/bruger-id`);
  assert.equal(expired.statusCode, 410);
  assert.match(expired.body, /Forløbet er udløbet/);
});
