/**
 * The login box with the real code-device kind (kinds/code-device, as the root wires it into
 * MitidCore.implementations), on both databases: a kodeviser from a PSKC batch, activated for a
 * person as the activation step does (verify, then activate + bind in one transaction); the box's
 * code step takes the device's current TOTP code, refuses a replay of it and a wrong one with the
 * kind's message (the tries left, then the slowing), and a user-ID nobody has gets the same answer. The password is the real
 * kind (kinds/password, as the root wires it), made with createPassword as the activation does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { type Browser, startBox } from '../../flows/login/testing/index.ts';
import { CodeDevices, makeDemoBatch } from '../../kinds/code-device/index.ts';
import { createPassword } from '../../kinds/password/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';

const SERVER_SECRET = 'mitid-server-secret-for-tests-0123456789';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the login box with the real code-device kind`, async (t) => {
    const k = await startBox(dialect);
    t.after(() => k.close());
    const db = k.h.database.db as unknown as Kysely<MitidDb>;
    const now = () => k.h.clock.now().getTime();
    assert.ok(k.h.core.implementations.codeDisplay, 'the root wires the code display kind');
    assert.ok(k.h.core.implementations.password, 'the root wires the password kind');
    const orders = new Map<string, string>();
    const devices = new CodeDevices({
      db,
      serverSecret: SERVER_SECRET,
      now,
      orderCprOf: async (id) => orders.get(id),
    });
    const batch = await makeDemoBatch(db, cryptoRandom, 'codeDisplay', 3, now());
    const imported = await devices.importPskc(batch.xml, batch.transportKey);
    assert.ok(imported.ok);

    const { person } = await k.h.activatedPerson();
    orders.set('order-1', person.cpr);
    const serial = await devices.serials.reserve(db, 'codeDisplay', 'order-1');
    assert.ok(serial);
    const verified = await devices.verifyForActivation({
      cpr: person.cpr,
      kind: 'codeDisplay',
      serial,
      code: (await devices.currentCode(serial, now())) ?? '',
    });
    assert.ok(verified.ok);
    await db.transaction().execute(async (trx) => {
      const made = await k.h.core.authenticators.activate(trx, {
        id: `auth-${serial}`,
        identityId: person.identityId,
        kind: 'codeDisplay',
        label: serial,
      });
      assert.ok(made.ok);
      assert.ok(
        (
          await devices.bind(trx, {
            identityId: person.identityId,
            serial,
            step: verified.step,
            authenticatorId: `auth-${serial}`,
          })
        ).ok,
      );
    });
    const made = await db.transaction().execute((trx) =>
      createPassword(trx, k.h.core.authenticators, {
        identityId: person.identityId,
        userId: person.userId,
        password: 'Rigtig-kode-2026',
        now: now(),
      }),
    );
    assert.ok(made.ok, JSON.stringify(made));
    // The next step's code: the activation used this one.
    k.h.clock.advance(30_000);

    const started = async (userId: string) => {
      const uid = k.mount.open();
      const b: Browser = k.browser();
      b.enter(uid);
      await b.get(`/op/login/${uid}`);
      assert.equal((await b.post(`/op/login/${uid}/method`, { method: 'codeDevice' })).statusCode, 303);
      await b.get(`/op/login/${uid}`);
      assert.equal((await b.post(`/op/login/${uid}`, { userId })).statusCode, 303);
      const page = await b.get(`/op/login/${uid}`);
      assert.match(page.body, /Indtast koden fra din MitID kodeviser eller kodeoplæser/);
      return { uid, b };
    };

    await t.test(
      'the device’s current code, then the password: substantial, amr [codeDisplay, password]',
      async () => {
        const s = await started(person.userId);
        const code = (await devices.currentCode(serial, now())) ?? '';
        assert.equal((await s.b.post(`/op/login/${s.uid}/code`, { code })).statusCode, 303);
        assert.match((await s.b.get(`/op/login/${s.uid}`)).body, /Indtast din MitID adgangskode/);
        const done = await s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' });
        assert.equal(done.statusCode, 303);
        const login = k.mount.finished.find((f) => f.uid === s.uid)?.login;
        assert.deepEqual(login?.result.amr, ['codeDisplay', 'password']);
        assert.equal(login?.result.aal, 'substantial');
        // The same code again, in a new login: each code once.
        const again = await started(person.userId);
        const replay = await again.b.post(`/op/login/${again.uid}/code`, { code });
        assert.equal(replay.statusCode, 400);
        assert.match(replay.body, /Koden er forkert\. Prøv igen\./);
        await again.b.post(`/op/login/${again.uid}/cancel`);
      },
    );

    await t.test(
      'five wrong codes in a row: a real device, a user-ID nobody has and an app-only person answer alike, slowing included',
      async () => {
        // The device's counter from 0: a right code from a new browser resets it.
        k.h.clock.advance(30_000);
        const fresh = await started(person.userId);
        const right = (await devices.currentCode(serial, now())) ?? '';
        assert.equal((await fresh.b.post(`/op/login/${fresh.uid}/code`, { code: right })).statusCode, 303);
        await fresh.b.post(`/op/login/${fresh.uid}/cancel`);
        const { person: appOnly } = await k.h.activatedPerson();
        const mask = (text: string, uid: string) =>
          text.replaceAll(uid, 'UID').replace(/name="_csrf" value="[^"]+"/g, 'CSRF');
        const wrongInARow = async (userId: string) => {
          const s = await started(userId);
          const seen: { status: number; body: string; cookies: string }[] = [];
          for (let i = 0; i < 5; i++) {
            const res = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
            const set = res.headers['set-cookie'];
            const cookies = (Array.isArray(set) ? set : set ? [set] : [])
              .map((c) => mask(c.replace(/=[^;]*/, '=VALUE'), s.uid))
              .join(' | ');
            seen.push({ status: res.statusCode, body: mask(res.body, s.uid), cookies });
          }
          await s.b.post(`/op/login/${s.uid}/cancel`);
          return seen;
        };
        const real = await wrongInARow(person.userId);
        const shown = real.map(
          (r) => /Du har \d forsøg tilbage|Vent til kl\. \d\d[.:]\d\d/.exec(r.body)?.[0],
        );
        assert.deepEqual(
          shown.map((x) => x?.replace(/\d\d[.:]\d\d/, 'HH.MM')),
          ['Du har 2 forsøg tilbage', 'Du har 1 forsøg tilbage', ...Array(3).fill('Vent til kl. HH.MM')],
        );
        assert.deepEqual(await wrongInARow('nobody-has-this-one-either'), real, 'a user-ID nobody has');
        assert.deepEqual(await wrongInARow(appOnly.userId), real, 'a person with only the app');
        // The slowing: the same time in the tables too (60 s from the third wrong code).
        const device = await db
          .selectFrom('code_devices')
          .select('blocked_until')
          .where('serial', '=', serial)
          .executeTakeFirstOrThrow();
        const decoys = await db
          .selectFrom('code_device_decoys')
          .select(['decoy_id', 'blocked_until'])
          .execute();
        assert.equal(decoys.length >= 2, true);
        for (const d of decoys)
          assert.equal(Number(d.blocked_until), Number(device.blocked_until), d.decoy_id);
        assert.equal(Number(device.blocked_until), now() + 60_000);
        // No user-ID in the decoys' table, and a decoy is stable per user-ID: a new login is still slowed.
        for (const d of decoys) assert.doesNotMatch(d.decoy_id, /nobody|appOnly|000000/i);
        const again = await wrongInARow('NOBODY-has-this-one-either');
        assert.deepEqual(
          again,
          real.map(() => real[4]),
          'the same decoy, still slowed',
        );
        // Past the slowing, for the next tests.
        k.h.clock.advance(16 * 60_000);
      },
    );

    await t.test('a wrong code and a user-ID nobody has: the same message and status', async () => {
      const norm = (body: string, uid: string) =>
        body
          .replaceAll(uid, 'UID')
          .replace(/name="_csrf" value="[^"]+"/g, 'CSRF')
          .replace(/ Du har \d forsøg tilbage\./g, '');
      const wrong = async (userId: string) => {
        const s = await started(userId);
        const res = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
        await s.b.post(`/op/login/${s.uid}/cancel`);
        return { status: res.statusCode, body: norm(res.body, s.uid) };
      };
      const known = await wrong(person.userId);
      assert.equal(known.status, 400);
      assert.match(known.body, /Koden er forkert\. Prøv igen\./);
      assert.deepEqual(await wrong('nobody-has-this-one'), known);
    });

    await t.test('wrong codes in a row: the tries left, then "Vent til kl. HH.MM"', async () => {
      const s = await started(person.userId);
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
        assert.equal(res.statusCode, 400);
        seen.push(/Du har \d forsøg tilbage|Vent til kl\. \d\d[.:]\d\d/.exec(res.body)?.[0] ?? 'none');
        if (seen.at(-1)?.startsWith('Vent')) break;
      }
      assert.match(seen.at(-1) ?? '', /^Vent til kl\. \d\d[.:]\d\d$/, seen.join(' | '));
      // Slowed: even the device's right code waits.
      const code = (await devices.currentCode(serial, now())) ?? '';
      const right = await s.b.post(`/op/login/${s.uid}/code`, { code });
      assert.equal(right.statusCode, 400);
      assert.match(right.body, /Vent til kl\./);
      await s.b.post(`/op/login/${s.uid}/cancel`);
    });
  });
}
