/**
 * "NemID lockout is not a weapon": Karen's user-ID is her CPR number, so anyone can type it. A
 * stranger's failures slow down untrusted attempts for it, but never keep Karen, in her own
 * browser (the one with her device cookie), from logging in with the right password and key card;
 * the stranger stays slowed down. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { DEVICE_COOKIE } from './deviceCookie.ts';
import {
  csrfOf,
  type Harness,
  logIn,
  type NemidPerson,
  startHarness,
  type TestBrowser,
} from './testing/nemidHarness.ts';

const KAREN: NemidPerson = { cpr: '0202612046', userId: '0202612046', password: 'Karens-Kode-2026' };

async function withKaren(
  dialect: Awaited<ReturnType<typeof dialectsUnderTest>>[number],
  fn: (h: Harness, karens: TestBrowser) => Promise<void>,
): Promise<void> {
  const h = await startHarness({ dialect });
  try {
    await h.addPerson(KAREN, { givenName: 'Karen', familyName: 'Hansen' });
    // Karen has logged in with NemID in her own browser before: it holds her device cookie.
    const karens = h.browser('192.0.2.10');
    await logIn(h, karens, KAREN);
    assert.ok(karens.cookies.has(DEVICE_COOKIE), 'a completed login leaves a device cookie');
    await fn(h, karens);
  } finally {
    await h.close();
  }
}

async function attempt(b: TestBrowser, userId: string, password: string) {
  const path = await b.startLogin();
  return b.submitPassword(path, userId, password);
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: a stranger's failures for Karen's CPR user-ID do not keep Karen out of her own browser`, () =>
    withKaren(dialect, async (h, karens) => {
      const stranger = h.browser('203.0.113.66');
      // The attack: 12 wrong passwords, with the CPR number typed with and without the dash.
      const statuses: number[] = [];
      const counted: number[] = [];
      for (let i = 0; i < 12; i++) {
        const userId = i % 2 === 0 ? '0202612046' : '020261-2046';
        statuses.push((await attempt(stranger, userId, `Gaet-nummer-${i}`)).statusCode);
        counted.push(await h.userIdFailures(KAREN.userId));
      }
      // The first 5 were accepted (checked and refused as wrong) and counted; then the user-ID is
      // slowed down for untrusted browsers: refused unchecked, not counted.
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429, 429, 429, 429, 429, 429, 429]);
      assert.deepEqual(counted, [1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5]);
      const slowed = await attempt(stranger, KAREN.userId, KAREN.password);
      assert.equal(slowed.statusCode, 429, 'even the right password is not checked for the stranger');
      assert.ok(slowed.body.includes('For mange forkerte forsøg'));

      // The outcome Karen needs: in her own browser, the right password and key code log her in.
      const { code } = await logIn(h, karens, KAREN);
      const token = await h.redeem(code);
      assert.equal(token.statusCode, 200);
      assert.equal(token.json().cpr, KAREN.cpr);

      // Her login did not lift the stranger's slow-down, and it still lasts its 15 minutes.
      assert.equal((await attempt(stranger, KAREN.userId, KAREN.password)).statusCode, 429);
      h.clock.advance(10 * MINUTE);
      assert.equal((await attempt(stranger, KAREN.userId, 'Gaet-igen-2026')).statusCode, 429);
      // A browser Karen never used before is untrusted, and waits like the stranger.
      assert.equal((await attempt(h.browser('192.0.2.11'), KAREN.userId, KAREN.password)).statusCode, 429);
      // And she can log in from her own browser again and again.
      await logIn(h, karens, KAREN);
    }));

  test(`${dialect}: the stranger keeps guessing slowly: 5 more every lock, the lock doubling up to 4 h`, () =>
    withKaren(dialect, async (h) => {
      let accepted = 0;
      const locks: number[] = [];
      for (let round = 0; round < 6; round++) {
        // From anywhere: each round from another address, so only the user-ID counter is in play.
        const stranger = h.browser(`203.0.113.${70 + round}`);
        for (let i = 0; i < 5; i++) {
          const res = await attempt(stranger, KAREN.userId, `Gaet-${round}-${i}`);
          assert.equal(res.statusCode, 400, 'accepted and refused as wrong');
          accepted++;
        }
        const res = await attempt(stranger, KAREN.userId, KAREN.password);
        assert.equal(res.statusCode, 429);
        const wait = Number(res.headers['retry-after']) * 1000;
        locks.push(wait / MINUTE);
        h.clock.advance(wait);
      }
      assert.equal(accepted, 30);
      assert.deepEqual(locks, [15, 30, 60, 120, 240, 240], 'minutes: at most 5 guesses per 4 hours');
    }));

  test(`${dialect}: a burst of 20 parallel guesses gets only 5 password comparisons`, () =>
    withKaren(dialect, async (h, karens) => {
      // Each guess from its own browser and address, every form loaded first, then all posted at once.
      const ready = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const b = h.browser(`203.0.113.${100 + i}`);
          const path = await b.startLogin();
          const csrf = csrfOf((await b.get(path)).body);
          return { b, path, csrf, i };
        }),
      );
      const answers = await Promise.all(
        ready.map(({ b, path, csrf, i }) =>
          b.post(path, { _csrf: csrf, step: 'password', userId: KAREN.userId, password: `Gaet-${i}` }),
        ),
      );
      const statuses = answers.map((r) => r.statusCode).sort();
      // Counted before comparing: 5 were compared (and refused as wrong), 15 refused unchecked.
      assert.deepEqual(statuses, [...Array(5).fill(400), ...Array(15).fill(429)]);
      assert.equal(await h.userIdFailures(KAREN.userId), 5);
      await logIn(h, karens, KAREN);
    }));

  test(`${dialect}: Karen's own browser has its own limit: 5 wrong there suspend its trust`, () =>
    withKaren(dialect, async (h, karens) => {
      for (let i = 0; i < 5; i++)
        assert.equal((await attempt(karens, KAREN.userId, `Tastefejl-${i}`)).statusCode, 400);
      assert.equal(await h.userIdFailures(KAREN.userId), 0, 'counted on her browser, not on the user-ID');
      // Trust suspended: her browser is now untrusted, and the user-ID's own counter is still open.
      assert.equal((await attempt(karens, KAREN.userId, 'Tastefejl-5')).statusCode, 400);
      assert.equal(await h.userIdFailures(KAREN.userId), 1);
      h.clock.advance(15 * MINUTE);
      await logIn(h, karens, KAREN);
    }));
}
