/**
 * The login box with a code device, the password and the chip (decision 0014 §4), on both
 * databases, through its routes with a recording LoginMount and the small test kinds of
 * testing/testKinds.ts (the contract's answers and refusal codes): the method choice (without
 * JavaScript, the level's reason, the last used preselected); user-ID → code → password →
 * substantial with amr [codeDisplay, password]; the chip's one post → high; each refusal its
 * message; bad input, a missing CSRF token, replayed and concurrent posts, the expiry; the same
 * pages, statuses, cookies and about the same time for a known and an unknown user-ID; a
 * transaction's text on the code and password pages; a step-up offers the chip.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import { AUTHENTICATION_TTL_MS } from '../../../core/authentications/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { type BoxKit, type Browser, startBox } from './testBox.ts';
import { giveAuthenticator, testKinds } from './testing/testKinds.ts';

const now = (k: BoxKit) => k.h.clock.now().getTime();
const dbOf = (k: BoxKit) => k.h.database.db as unknown as Kysely<MitidDb>;

const setCookies = (res: { headers: Record<string, unknown> }): string[] => {
  const set = res.headers['set-cookie'];
  return (Array.isArray(set) ? set : set ? [set] : []).map(String);
};

/** A new interaction in a new browser (or the one given), the user-ID page read. */
async function opened(k: BoxKit, request = {}, b: Browser = k.browser()) {
  const uid = k.mount.open(request);
  b.enter(uid);
  const first = await b.get(`/op/login/${uid}`);
  assert.equal(first.statusCode, 200);
  return { uid, b, page: first.body };
}

/** Chooses the method in "Skift login-metode" and types the user-ID: the device step's page. */
async function startedWith(k: BoxKit, method: 'codeDevice' | 'chip', userId: string, request = {}) {
  const o = await opened(k, request);
  const chosen = await o.b.post(`/op/login/${o.uid}/method`, { method });
  assert.equal(chosen.statusCode, 303);
  await o.b.get(`/op/login/${o.uid}`);
  const res = await o.b.post(`/op/login/${o.uid}`, { userId });
  assert.equal(res.statusCode, 303, res.body);
  const page = await o.b.get(`/op/login/${o.uid}`);
  return { ...o, page };
}

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the login box with a code device, the password and the chip`, async (t) => {
    const k = await startBox(dialect);
    t.after(() => k.close());
    const kinds = testKinds();
    Object.assign(k.h.core.implementations, kinds.implementations);
    let codes = 100_000;
    const nextCode = () => String(++codes);

    /** A person with MitID (an app), a code display and a password. */
    const codePerson = async (o: { password?: boolean } = {}) => {
      const { person } = await k.h.activatedPerson();
      const deviceId = await giveAuthenticator(dbOf(k), person.identityId, 'codeDisplay', now(k));
      const passwordId =
        o.password === false
          ? undefined
          : await giveAuthenticator(dbOf(k), person.identityId, 'password', now(k));
      if (passwordId) kinds.setPassword(passwordId, 'Rigtig-kode-2026');
      return { person, deviceId, passwordId };
    };
    const alice = await codePerson();
    const rowOf = (uid: string) =>
      dbOf(k).selectFrom('authentications').selectAll().where('interaction_id', '=', uid).executeTakeFirst();

    await t.test('"Skift login-metode" lists the three methods; a form post chooses one', async () => {
      const { uid, b, page } = await opened(k);
      assert.match(page, /Du bruger MitID app\./);
      for (const m of ['app', 'codeDevice', 'chip'])
        assert.match(page, new RegExp(`name="method" value="${m}"`), m);
      assert.match(page, /MitID kodeviser eller kodeoplæser/);
      assert.match(page, /MitID chip/);
      const res = await b.post(`/op/login/${uid}/method`, { method: 'codeDevice' });
      assert.equal(res.statusCode, 303);
      assert.ok(setCookies(res).some((c) => c.startsWith(`mitid_box_method=${uid}.codeDevice;`)));
      const after = await b.get(`/op/login/${uid}`);
      assert.match(after.body, /Du bruger MitID kodeviser eller kodeoplæser\./);
      // Nonsense and a missing CSRF token change nothing.
      assert.equal((await b.post(`/op/login/${uid}/method`, { method: 'nemid' })).statusCode, 303);
      const forged = await b.post(`/op/login/${uid}/method`, { method: 'chip' }, { csrf: false });
      assert.equal(forged.statusCode, 403);
      assert.match((await b.get(`/op/login/${uid}`)).body, /Du bruger MitID kodeviser eller kodeoplæser\./);
    });

    await t.test('at level high the code device is disabled, with the reason', async () => {
      const { uid, b, page } = await opened(k, { level: 'high' });
      assert.match(page, /name="method" value="codeDevice"\s+disabled/);
      assert.match(page, /Kan ikke bruges her: Min Bank kræver et højere sikringsniveau\./);
      assert.doesNotMatch(page, /value="chip"\s+disabled/);
      await b.post(`/op/login/${uid}/method`, { method: 'codeDevice' });
      assert.match((await b.get(`/op/login/${uid}`)).body, /Du bruger MitID app\./);
    });

    await t.test(
      'user-ID → code → password: substantial, amr [codeDisplay, password], remembered',
      async () => {
        const s = await startedWith(k, 'codeDevice', alice.person.userId);
        assert.equal(s.page.statusCode, 200);
        assert.match(s.page.body, /Indtast koden fra din MitID kodeviser eller kodeoplæser/);
        assert.match(s.page.body, /inputmode="numeric"/);
        assert.match(s.page.body, /autocomplete="one-time-code"/);
        const row = await rowOf(s.uid);
        assert.deepEqual(JSON.parse(row?.kinds ?? ''), ['codeDisplay', 'codeReader', 'password']);
        assert.equal(row?.status, 'pending');
        assert.notEqual(row?.channel_verified_at, null);
        const code = nextCode();
        kinds.setCode(alice.deviceId, code);
        const coded = await s.b.post(`/op/login/${s.uid}/code`, {
          code: `${code.slice(0, 3)} ${code.slice(3)}`,
        });
        assert.equal(coded.statusCode, 303);
        const pw = await s.b.get(`/op/login/${s.uid}`);
        assert.match(pw.body, /Indtast din MitID adgangskode/);
        assert.match(pw.body, /autocomplete="current-password"/);
        const done = await s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' });
        assert.equal(done.statusCode, 303, done.body);
        assert.equal(done.headers.location, `https://service.example/callback?code=for-${s.uid}`);
        const login = k.mount.finished.find((f) => f.uid === s.uid)?.login;
        assert.equal(login?.identityId, alice.person.identityId);
        assert.deepEqual(login?.result.amr, ['codeDisplay', 'password']);
        assert.equal(login?.result.aal, 'substantial');
        assert.deepEqual(login?.result.factors, ['possession', 'knowledge']);
        assert.ok(setCookies(done).some((c) => /^mitid_last_kind=codeDevice; /.test(c)));
        // The next login in this browser offers the code device first.
        s.b.cookies.set('mitid_last_kind', 'codeDevice');
        const again = await opened(k, {}, s.b);
        assert.match(again.page, /Du bruger MitID kodeviser eller kodeoplæser\./);
        // A replayed post of the finished login changes nothing and finishes nothing again.
        const replay = await s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' });
        assert.equal(replay.statusCode, 404);
        assert.equal(k.mount.finished.filter((f) => f.uid === s.uid).length, 1);
      },
    );

    await t.test(
      'each refusal its message; bad input is not counted; nothing tells which was wrong',
      async () => {
        const s = await startedWith(k, 'codeDevice', alice.person.userId);
        kinds.setCode(alice.deviceId, nextCode());
        const calls = kinds.calls.length;
        for (const [code, message] of [
          ['', /Indtast koden\./],
          ['12345a', /Koden er 6 cifre\. Tast kun tal\./],
          ['1234567', /Koden er 6 cifre/],
          ['1'.repeat(200), /Koden er 6 cifre/],
        ] as const) {
          const res = await s.b.post(`/op/login/${s.uid}/code`, { code });
          assert.equal(res.statusCode, 400, code);
          assert.match(res.body, message);
          assert.match(res.body, /aria-invalid="true"/);
        }
        assert.equal(kinds.calls.length, calls, 'bad input never reaches the kind');
        const w1 = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
        assert.equal(w1.statusCode, 400);
        assert.match(w1.body, /Koden er forkert\. Prøv igen\. Du har 2 forsøg tilbage\./);
        const w2 = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
        assert.match(w2.body, /Du har 1 forsøg tilbage\./);
        const w3 = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
        assert.match(
          w3.body,
          /Du har tastet forkert kode for mange gange\. Vent til kl\. \d\d[.:]\d\d, og prøv igen\./,
        );
        // Slowed: even the right code waits.
        k.h.clock.advance(61_000);
        const code = nextCode();
        kinds.setCode(alice.deviceId, code);
        assert.equal((await s.b.post(`/op/login/${s.uid}/code`, { code })).statusCode, 303);
        const p1 = await s.b.post(`/op/login/${s.uid}/password`, { password: 'forkert' });
        assert.equal(p1.statusCode, 400);
        assert.match(p1.body, /Adgangskoden er forkert\./);
        assert.doesNotMatch(p1.body, /bruger-ID/i);
        await s.b.post(`/op/login/${s.uid}/password`, { password: 'forkert' });
        const p3 = await s.b.post(`/op/login/${s.uid}/password`, { password: 'forkert' });
        assert.match(p3.body, /Din adgangskode er spærret til kl\. \d\d[.:]\d\d\..*33 98 00 10/);
        const long = await s.b.post(`/op/login/${s.uid}/password`, { password: 'x'.repeat(257) });
        assert.equal(long.statusCode, 400);
        assert.match(long.body, /En adgangskode har højst 256 tegn\./);
        await s.b.post(`/op/login/${s.uid}/cancel`);
        k.h.clock.advance(16 * 60_000);
      },
    );

    await t.test('without the CSRF token: refused, nothing counted', async () => {
      const s = await startedWith(k, 'codeDevice', alice.person.userId);
      const calls = kinds.calls.length;
      const res = await s.b.post(`/op/login/${s.uid}/code`, { code: '123456' }, { csrf: false });
      assert.equal(res.statusCode, 403);
      assert.equal(kinds.calls.length, calls);
      assert.deepEqual(JSON.parse((await rowOf(s.uid))?.proofs ?? ''), []);
      await s.b.post(`/op/login/${s.uid}/cancel`);
    });

    await t.test(
      'two posts of the right code at once: one proof; the password step is reached once',
      async () => {
        const s = await startedWith(k, 'codeDevice', alice.person.userId);
        const code = nextCode();
        kinds.setCode(alice.deviceId, code);
        const answers = await Promise.all([
          s.b.post(`/op/login/${s.uid}/code`, { code }),
          s.b.post(`/op/login/${s.uid}/code`, { code }),
        ]);
        // One moves on; the other is the same code a second time: refused (or, when it read the
        // row after the winner, sent to the page that shows where it is).
        const statuses = answers.map((r) => r.statusCode).sort();
        assert.equal(statuses[0], 303);
        assert.ok(statuses[1] === 303 || statuses[1] === 400, String(statuses));
        const proofs = JSON.parse((await rowOf(s.uid))?.proofs ?? '') as { kind: string }[];
        assert.deepEqual(
          proofs.map((p) => p.kind),
          ['codeDisplay'],
        );
        // A replayed code post at the password step does nothing.
        const replay = await s.b.post(`/op/login/${s.uid}/code`, { code });
        assert.equal(replay.statusCode, 303);
        assert.equal(JSON.parse((await rowOf(s.uid))?.proofs ?? '').length, 1);
        // Two right passwords at once: one login.
        const done = await Promise.all([
          s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' }),
          s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' }),
        ]);
        assert.equal(
          k.mount.finished.filter((f) => f.uid === s.uid).length,
          1,
          done.map((d) => d.statusCode).join(),
        );
      },
    );

    await t.test(
      'a known and an unknown user-ID: the same pages, statuses, cookies, about the same time',
      async () => {
        const appOnly = (await k.h.activatedPerson()).person;
        const noPassword = await codePerson({ password: false });
        const normalise = (s: string, uid: string) =>
          s.replaceAll(uid, 'UID').replace(/name="_csrf" value="[^"]+"/g, 'CSRF');
        const shape = (
          res: { statusCode: number; headers: Record<string, unknown>; body: string },
          uid: string,
        ) => ({
          status: res.statusCode,
          location: String(res.headers.location ?? '').replace(uid, 'UID'),
          cookies: setCookies(res)
            .map((c) => c.replace(/=[^;]*/, '=V'))
            .sort(),
          body: normalise(res.body, uid),
        });
        const wrongCode = async (userId: string) => {
          const s = await startedWith(k, 'codeDevice', userId);
          const t0 = performance.now();
          const res = await s.b.post(`/op/login/${s.uid}/code`, { code: '000000' });
          const ms = performance.now() - t0;
          await s.b.post(`/op/login/${s.uid}/cancel`);
          return { ms, page: shape(s.page, s.uid), answer: shape(res, s.uid) };
        };
        const known: number[] = [];
        const unknown: number[] = [];
        for (let i = 0; i < 8; i++) {
          const a = await wrongCode(alice.person.userId);
          const u = await wrongCode(`nobody-has-this-${i}`);
          const n = await wrongCode(appOnly.userId);
          assert.deepEqual(u.page, a.page);
          assert.deepEqual(n.page, a.page);
          // The tries left and the slowing are the device's (a decoy has no counter: docs/security.md).
          const words = (x: typeof a) => ({
            ...x.answer,
            body: x.answer.body.replace(
              /Koden er forkert\. Prøv igen\.( Du har \d forsøg tilbage\.)?|Du har tastet forkert kode for mange gange\. Vent til kl\. \d\d[.:]\d\d, og prøv igen\./g,
              'REFUSAL',
            ),
          });
          assert.deepEqual(words(u), words(a));
          assert.deepEqual(words(n), words(a));
          if (i >= 2) {
            known.push(a.ms);
            unknown.push(u.ms);
          }
          if (i % 2 === 1) k.h.clock.advance(61_000);
        }
        const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] ?? 0;
        const [mk, mu] = [median(known), median(unknown)];
        assert.ok(Math.abs(mk - mu) < 5 + 0.5 * Math.max(mk, mu), `known ${mk} ms, unknown ${mu} ms`);
        // The password step: a wrong password, and a person whose password is missing (a decoy).
        const wrongPassword = async (
          p: { person: { userId: string }; deviceId: string },
          password: string,
        ) => {
          const s = await startedWith(k, 'codeDevice', p.person.userId);
          const code = nextCode();
          kinds.setCode(p.deviceId, code);
          assert.equal((await s.b.post(`/op/login/${s.uid}/code`, { code })).statusCode, 303);
          const page = await s.b.get(`/op/login/${s.uid}`);
          const res = await s.b.post(`/op/login/${s.uid}/password`, { password });
          await s.b.post(`/op/login/${s.uid}/cancel`);
          return { page: shape(page, s.uid), answer: shape(res, s.uid) };
        };
        const wrong = await wrongPassword(alice, 'forkert-1');
        const decoy = await wrongPassword(noPassword, 'Rigtig-kode-2026');
        assert.deepEqual(decoy, wrong);
        assert.match(decoy.answer.body, /Adgangskoden er forkert\./);
        k.h.clock.advance(16 * 60_000);
      },
    );

    await t.test(
      'expired: the clear page, no answer accepted, "Prøv igen" asks for a code again',
      async () => {
        const s = await startedWith(k, 'codeDevice', alice.person.userId);
        k.h.clock.advance(AUTHENTICATION_TTL_MS + 1000);
        const page = await s.b.get(`/op/login/${s.uid}`);
        assert.match(page.body, /Tiden er udløbet/);
        const code = nextCode();
        kinds.setCode(alice.deviceId, code);
        const calls = kinds.calls.length;
        assert.equal((await s.b.post(`/op/login/${s.uid}/code`, { code })).statusCode, 303);
        assert.equal(kinds.calls.length, calls);
        assert.equal((await s.b.post(`/op/login/${s.uid}`, { retry: '1' })).statusCode, 303);
        const retried = await s.b.get(`/op/login/${s.uid}`);
        assert.match(retried.body, /Indtast koden fra din MitID kodeviser eller kodeoplæser/);
        assert.equal((await s.b.post(`/op/login/${s.uid}/code`, { code })).statusCode, 303);
        assert.match((await s.b.get(`/op/login/${s.uid}`)).body, /Indtast din MitID adgangskode/);
        await s.b.post(`/op/login/${s.uid}/cancel`);
      },
    );

    await t.test(
      'a transaction: its text on the code and password pages, approved at substantial',
      async () => {
        const text = 'Overfør 1.250,00 kr. til 9999 0087654321.';
        const s = await startedWith(k, 'codeDevice', alice.person.userId, {
          action: 'approve',
          transaction: { text, transfer: null },
        });
        assert.match(s.page.body, /Du godkender:/);
        assert.ok(s.page.body.includes(text));
        const code = nextCode();
        kinds.setCode(alice.deviceId, code);
        await s.b.post(`/op/login/${s.uid}/code`, { code });
        const pw = await s.b.get(`/op/login/${s.uid}`);
        assert.match(pw.body, /Du godkender:/);
        assert.ok(pw.body.includes(text));
        const done = await s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' });
        assert.equal(done.statusCode, 303);
        const login = k.mount.finished.find((f) => f.uid === s.uid)?.login;
        assert.equal(login?.result.aal, 'substantial');
        assert.equal(
          (await rowOf(s.uid))?.text ??
            (
              await dbOf(k)
                .selectFrom('authentications')
                .select('text')
                .where('id', '=', login?.authenticationId ?? '')
                .executeTakeFirst()
            )?.text,
          text,
        );
      },
    );

    const chipPerson = await (async () => {
      const p = await codePerson();
      const chipId = await giveAuthenticator(dbOf(k), p.person.identityId, 'chip', now(k));
      kinds.setChip(chipId, 'cred-1');
      return { ...p, chipId };
    })();
    const optionsOn = (body: string) => {
      const raw = /data-options="([^"]+)"/.exec(body)?.[1] ?? '{}';
      return JSON.parse(raw.replaceAll('&quot;', '"')) as { challenge: string; allowCredentials: unknown[] };
    };

    await t.test('the chip: password + START, one post, two proofs, high', async () => {
      const s = await startedWith(k, 'chip', chipPerson.person.userId, { level: 'high' });
      assert.match(s.page.body, /Indtast din adgangskode og tryk START/);
      assert.match(s.page.body, /src="\/static\/login-box\/login-chip\.js"/);
      const script = await s.b.get('/static/login-box/login-chip.js');
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
      assert.match(script.body, /navigator\.credentials\.get/);
      const options = optionsOn(s.page.body);
      assert.deepEqual(options.allowCredentials, []);
      const wrong = await s.b.post(`/op/login/${s.uid}/chip`, {
        password: 'Rigtig-kode-2026',
        response: JSON.stringify({ id: 'cred-other', challenge: options.challenge }),
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /Chippen blev ikke genkendt/);
      const bad = await s.b.post(`/op/login/${s.uid}/chip`, { password: 'x', response: 'not json' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Chippen blev ikke genkendt/);
      const again = optionsOn(bad.body);
      // The chip right, the password wrong: the chip is proved, the password asked alone.
      const half = await s.b.post(`/op/login/${s.uid}/chip`, {
        password: 'forkert',
        response: JSON.stringify({ id: 'cred-1', challenge: again.challenge }),
      });
      assert.equal(half.statusCode, 400);
      assert.match(half.body, /Adgangskoden er forkert\./);
      assert.match(half.body, /Indtast din MitID adgangskode/);
      const done = await s.b.post(`/op/login/${s.uid}/password`, { password: 'Rigtig-kode-2026' });
      assert.equal(done.statusCode, 303);
      const login = k.mount.finished.find((f) => f.uid === s.uid)?.login;
      assert.deepEqual(login?.result.amr, ['chip', 'password']);
      assert.equal(login?.result.aal, 'high');
      assert.ok(setCookies(done).some((c) => /^mitid_last_kind=chip; /.test(c)));
      // In one post: the chip and the password.
      const one = await startedWith(k, 'chip', chipPerson.person.userId, { level: 'high' });
      const res = await one.b.post(`/op/login/${one.uid}/chip`, {
        password: 'Rigtig-kode-2026',
        response: JSON.stringify({ id: 'cred-1', challenge: optionsOn(one.page.body).challenge }),
      });
      assert.equal(res.statusCode, 303);
      assert.equal(k.mount.finished.find((f) => f.uid === one.uid)?.login?.result.aal, 'high');
    });

    await t.test('the chip for nobody: the same page and the same refusal', async () => {
      const answer = async (userId: string) => {
        const s = await startedWith(k, 'chip', userId, { level: 'high' });
        const res = await s.b.post(`/op/login/${s.uid}/chip`, {
          password: 'Rigtig-kode-2026',
          response: JSON.stringify({ id: 'cred-guess', challenge: optionsOn(s.page.body).challenge }),
        });
        const norm = (x: string) =>
          x
            .replaceAll(s.uid, 'UID')
            .replace(/name="_csrf" value="[^"]+"/g, 'CSRF')
            .replace(/data-options="[^"]+"/, 'OPTIONS');
        await s.b.post(`/op/login/${s.uid}/cancel`);
        return { page: norm(s.page.body), status: res.statusCode, body: norm(res.body) };
      };
      const known = await answer(chipPerson.person.userId);
      assert.deepEqual(await answer('nobody-with-a-chip'), known);
      assert.deepEqual(await answer(alice.person.userId), known);
      assert.match(known.body, /Chippen blev ikke genkendt/);
    });

    await t.test('a step-up to high offers the chip; a form post switches to it', async () => {
      const uid = k.mount.open({ level: 'high' }, undefined, {
        stepUp: { uuid: chipPerson.person.identityId },
      });
      const b = k.browser();
      b.enter(uid);
      const page = await b.get(`/op/login/${uid}`);
      assert.match(page.body, /Åbn MitID-appen og godkend med din PIN-kode/);
      assert.match(page.body, /name="method" value="chip"/);
      assert.match(page.body, /name="method" value="codeDevice"\s+disabled/);
      assert.equal((await b.post(`/op/login/${uid}/method`, { method: 'chip' })).statusCode, 303);
      const chip = await b.get(`/op/login/${uid}`);
      assert.match(chip.body, /Indtast din adgangskode og tryk START/);
      const res = await b.post(`/op/login/${uid}/chip`, {
        password: 'Rigtig-kode-2026',
        response: JSON.stringify({ id: 'cred-1', challenge: optionsOn(chip.body).challenge }),
      });
      assert.equal(res.statusCode, 303);
      assert.equal(
        k.mount.finished.find((f) => f.uid === uid)?.login?.identityId,
        chipPerson.person.identityId,
      );
    });

    await t.test('English', async () => {
      const s = await startedWith(k, 'codeDevice', alice.person.userId, { language: 'en' });
      assert.match(s.page.body, /Enter the code from your MitID code display or code reader/);
      const w = await s.b.post(`/op/login/${s.uid}/code?lang=en`, { code: '000000' });
      assert.match(w.body, /The code is wrong\. Try again\./);
      await s.b.post(`/op/login/${s.uid}/cancel`);
    });
  });
}
