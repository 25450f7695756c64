/**
 * Only a real device cookie for the very user-ID gives trust: a forged or altered one, one for
 * another user-ID, an unsigned one and an expired one leave the attempt untrusted, so it is
 * slowed down like the stranger's.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MINUTE } from '../../platform/clock.ts';
import { DEVICE_COOKIE, userTag } from './deviceCookie.ts';
import { nemidPolicy } from './nemidPolicy.ts';
import {
  ANNA,
  type Harness,
  logIn,
  type NemidPerson,
  startHarness,
  type TestBrowser,
} from './testing/nemidHarness.ts';

const KAREN: NemidPerson = { cpr: '0202612046', userId: '0202612046', password: 'Karens-Kode-2026' };

let h: Harness;
let karensCookie = '';
before(async () => {
  h = await startHarness();
  await h.addPerson(KAREN, { givenName: 'Karen', familyName: 'Hansen' });
  const karens = h.browser('192.0.2.10');
  await logIn(h, karens, KAREN);
  karensCookie = karens.cookies.get(DEVICE_COOKIE) ?? '';
  assert.ok(karensCookie.length > 0);
  // The stranger slows Karen's user-ID down for untrusted browsers (accepted and counted).
  for (let i = 0; i < nemidPolicy.attemptsPerLock; i++) {
    assert.equal((await attempt(h.browser(`203.0.113.${i + 1}`), KAREN.userId, `Gaet-${i}`)).statusCode, 400);
  }
  assert.equal(await h.userIdFailures(KAREN.userId), nemidPolicy.attemptsPerLock);
});
after(() => h.close());

async function attempt(b: TestBrowser, userId: string, password: string) {
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

function withCookie(value: string): TestBrowser {
  const b = h.browser('203.0.113.200');
  b.cookies.set(DEVICE_COOKIE, value);
  return b;
}

test('control: Karen’s real cookie gives trust (a stolen cookie would too: it is HttpOnly)', async () => {
  assert.equal((await attempt(withCookie(karensCookie), KAREN.userId, KAREN.password)).statusCode, 303);
});

test('an altered cookie (another nonce under Karen’s signature) gives no trust', async () => {
  const [tag, nonce, ...rest] = karensCookie.split('.');
  const flipped = `${nonce?.[0] === 'A' ? 'B' : 'A'}${nonce?.slice(1)}`;
  const altered = [tag, flipped, ...rest].join('.');
  assert.notEqual(altered, karensCookie);
  assert.equal((await attempt(withCookie(altered), KAREN.userId, KAREN.password)).statusCode, 429);
});

test('an unsigned cookie with a made-up tag and nonce gives no trust', async () => {
  const made = `${userTag({ ...h.secrets, serverSecret: 'a guess at the key, 32 characters' }, KAREN.userId)}.${'n'.repeat(22)}.${h.clock.now().getTime()}`;
  assert.equal((await attempt(withCookie(made), KAREN.userId, KAREN.password)).statusCode, 429);
});

test('the stranger’s own valid cookie, for another user-ID, gives no trust for Karen', async () => {
  const strangers = h.browser('203.0.113.201');
  await logIn(h, strangers); // the stranger is Anna, with her own NemID
  assert.ok(strangers.cookies.has(DEVICE_COOKIE));
  assert.equal((await attempt(strangers, KAREN.userId, KAREN.password)).statusCode, 429);
  assert.equal(
    (await attempt(strangers, ANNA.userId, ANNA.password)).statusCode,
    303,
    'it is trusted for Anna',
  );
});

test('an expired cookie (180 days) gives no trust', async () => {
  h.clock.advance(nemidPolicy.deviceCookieMaxAgeMs - MINUTE);
  // Keep Karen's user-ID slowed down at this later time too (the old count is long quiet).
  for (let i = 0; i < nemidPolicy.attemptsPerLock; i++) {
    await attempt(h.browser(`203.0.114.${i + 1}`), KAREN.userId, `Gaet-igen-${i}`);
  }
  const stillValid = await attempt(withCookie(karensCookie), KAREN.userId, 'Tastefejl-2026');
  assert.equal(stillValid.statusCode, 400, 'a minute before: still trusted (checked, not slowed down)');
  h.clock.advance(MINUTE);
  assert.equal((await attempt(withCookie(karensCookie), KAREN.userId, KAREN.password)).statusCode, 429);
});
