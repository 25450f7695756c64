/**
 * The code kinds' `complete` on both databases: the right code proves possession once, a replay
 * and an old code are wrong, wrong codes are counted and slowed (60 s, doubling), a right code
 * resets, the trusted browser keeps its own counter, a decoy answers as a wrong code, and bad
 * input is not counted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Authenticator } from '../../core/authenticators/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { type Kit, withCodeDevices } from './codeDeviceTestKit.ts';

const STEP = 30_000;

async function post(kit: Kit, a: Authenticator, code: string, browser: string | null = 'browser-home') {
  const kind = kit.devices.kinds[a.kind as 'codeDisplay'];
  return kind.complete({ db: kit.db, now: () => kit.clock.now }, a, kit.auth(0, browser), { code });
}
const codeOf = async (kit: Kit, serial: string) =>
  (await kit.devices.currentCode(serial, kit.clock.now)) ?? '';
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const counters = (kit: Kit, id: string) =>
  kit.db.selectFrom('code_devices').selectAll().where('authenticator_id', '=', id).executeTakeFirstOrThrow();

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the right code proves possession once; its replay and the activation's code are wrong`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: a } = await kit.activate(0);
      // The activation's code, still on the display, never logs in.
      const activationCode = await codeOf(kit, serial);
      assert.deepEqual(await post(kit, a, activationCode), {
        ok: false,
        code: 'code_wrong',
        details: { left: 2 },
      });
      kit.clock.now += STEP;
      const code = await codeOf(kit, serial);
      const ok = await post(kit, a, code);
      assert.deepEqual(ok, {
        ok: true,
        proof: {
          authenticatorId: a.id,
          kind: 'codeDisplay',
          factors: ['possession'],
          methods: ['codeDisplay'],
          at: kit.clock.now,
        },
      });
      assert.equal((await post(kit, a, code)).ok, false, 'a replay');
      const row = await counters(kit, a.id);
      assert.equal(row.trusted_browser_hash, 'browser-home');
    });
  });

  test(`${dialect}: 3 wrong codes slow the device 60 s, the next round 120 s; a right code resets`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: a } = await kit.activate(0);
      kit.clock.now += STEP;
      const code = await codeOf(kit, serial);
      assert.deepEqual(await post(kit, a, wrong(code), null), {
        ok: false,
        code: 'code_wrong',
        details: { left: 2 },
      });
      assert.deepEqual(await post(kit, a, wrong(code), null), {
        ok: false,
        code: 'code_wrong',
        details: { left: 1 },
      });
      const third = await post(kit, a, wrong(code), null);
      assert.deepEqual(third, { ok: false, code: 'code_slowed', details: { until: kit.clock.now + 60_000 } });
      // While slowed even the right code is not compared.
      assert.deepEqual(await post(kit, a, code, null), {
        ok: false,
        code: 'code_slowed',
        details: { until: kit.clock.now + 60_000 },
      });
      assert.deepEqual(await kit.devices.kinds.codeDisplay.lockState(a, kit.clock.now), {
        locked: true,
        until: kit.clock.now + 60_000,
      });
      kit.clock.now += 60_000;
      const later = await codeOf(kit, serial);
      for (let i = 0; i < 2; i++) await post(kit, a, wrong(later), null);
      const round2 = await post(kit, a, wrong(later), null);
      assert.deepEqual(round2, {
        ok: false,
        code: 'code_slowed',
        details: { until: kit.clock.now + 120_000 },
      });
      kit.clock.now += 120_000;
      assert.equal((await post(kit, a, await codeOf(kit, serial), null)).ok, true);
      const row = await counters(kit, a.id);
      assert.deepEqual([row.failures, row.rounds, row.blocked_until], [0, 0, null]);
      assert.deepEqual(await kit.devices.kinds.codeDisplay.lockState(a, kit.clock.now), { locked: false });
    });
  });

  test(`${dialect}: a stranger's guesses from another browser do not slow the owner's trusted browser`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: a } = await kit.activate(0);
      kit.clock.now += STEP;
      assert.equal((await post(kit, a, await codeOf(kit, serial), 'browser-home')).ok, true);
      kit.clock.now += STEP;
      const code = await codeOf(kit, serial);
      for (let i = 0; i < 3; i++) await post(kit, a, wrong(code), 'browser-stranger');
      assert.equal((await post(kit, a, code, 'browser-stranger')).ok, false, 'the stranger is slowed');
      assert.equal((await post(kit, a, code, 'browser-home')).ok, true, 'the owner at home is not');
      const row = await counters(kit, a.id);
      assert.equal(row.trusted_browser_hash, 'browser-home');
      assert.ok(Number(row.blocked_until) > kit.clock.now, 'the stranger stays slowed');
    });
  });

  test(`${dialect}: a decoy (no row) and another person's device answer as a wrong code and change nothing`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: mine } = await kit.activate(0);
      kit.clock.now += STEP;
      const code = await codeOf(kit, serial);
      const decoy: Authenticator = { ...mine, id: 'decoy:some-user-id-hmac', identityId: 'nobody' };
      const kind = kit.devices.kinds.codeDisplay;
      const ctx = { db: kit.db, now: () => kit.clock.now };
      // The decoy counts and slows as a real device does (docs/security.md §11.5), even with the
      // device's right code: 2 left, 1 left, slowed 60 s, still slowed.
      const until = kit.clock.now + 60_000;
      const seen = [];
      for (let i = 0; i < 4; i++) seen.push(await kind.complete(ctx, decoy, kit.auth(null), { code }));
      assert.deepEqual(seen, [
        { ok: false, code: 'code_wrong', details: { left: 2 } },
        { ok: false, code: 'code_wrong', details: { left: 1 } },
        { ok: false, code: 'code_slowed', details: { until } },
        { ok: false, code: 'code_slowed', details: { until } },
      ]);
      // The next round after the wait: 120 s.
      kit.clock.now = until;
      for (let i = 0; i < 2; i++) await kind.complete(ctx, decoy, kit.auth(null), { code });
      assert.deepEqual(await kind.complete(ctx, decoy, kit.auth(null), { code }), {
        ok: false,
        code: 'code_slowed',
        details: { until: until + 120_000 },
      });
      // Person 1's authentication cannot use person 0's device, even with its right code.
      assert.equal((await kind.complete(ctx, mine, kit.auth(1), { code })).ok, false);
      const row = await counters(kit, mine.id);
      assert.deepEqual([row.failures, row.trusted_failures], [0, 0]);
      assert.equal((await post(kit, mine, code)).ok, true, 'the owner is untouched');
    });
  });

  test(`${dialect}: not 6 digits is code_format and is not counted`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { authenticator: a } = await kit.activate(0);
      for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x', '١٢٣٤٥٦']) {
        assert.deepEqual(await post(kit, a, code), { ok: false, code: 'code_format' });
      }
      const kind = kit.devices.kinds.codeDisplay;
      const odd = await kind.complete({ db: kit.db, now: () => kit.clock.now }, a, kit.auth(0), {
        code: 123456 as unknown as string,
      });
      assert.deepEqual(odd, { ok: false, code: 'code_format' });
      const row = await counters(kit, a.id);
      assert.deepEqual([row.failures, row.trusted_failures], [0, 0]);
    });
  });

  test(`${dialect}: concurrent posts of one code: exactly one is accepted`, async () => {
    await withCodeDevices(dialect, async (kit) => {
      const { serial, authenticator: a } = await kit.activate(0);
      kit.clock.now += STEP;
      const code = await codeOf(kit, serial);
      const results = await Promise.all(Array.from({ length: 6 }, () => post(kit, a, code)));
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
    });
  });
}
