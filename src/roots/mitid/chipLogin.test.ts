/**
 * The login box with the real chip kind (kinds/chip, as the root wires it into
 * MitidCore.implementations), on both databases: a chip registered for a person through the
 * chip's registration (a software chip answers the WebAuthn ceremonies); the box's chip page
 * carries the kind's options, and one post with the password and the chip's assertion gives
 * level high, amr [chip, password]. Another chip, or a user-ID nobody has, is refused the same
 * way ("Chippen blev ikke genkendt"), and a replayed assertion finds no step. The password is the
 * real kind (kinds/password, as the root wires it), made with createPassword.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { type Browser, startBox } from '../../flows/login/testing/index.ts';
import { SERVER_SECRET } from '../../kinds/app/testing/index.ts';
import { createChip } from '../../kinds/chip/index.ts';
import { SoftChip } from '../../kinds/chip/testing/index.ts';
import { createPassword } from '../../kinds/password/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';

const optionsOn = (body: string) => {
  const raw = /data-options="([^"]+)"/.exec(body)?.[1] ?? '{}';
  return JSON.parse(raw.replaceAll('&quot;', '"')) as { challenge: string; allowCredentials: unknown[] };
};

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the login box with the real chip kind`, async (t) => {
    const k = await startBox(dialect);
    t.after(() => k.close());
    const db = k.h.database.db as unknown as Kysely<MitidDb>;
    const now = () => k.h.clock.now().getTime();
    assert.ok(k.h.core.implementations.chip, 'the root wires the chip kind');
    assert.ok(k.h.core.implementations.password, 'the root wires the password kind');
    const chip = createChip({
      config: k.h.config,
      secrets: { cookieKey: 'unused', serverSecret: SERVER_SECRET, bankClientSecret: 'unused' },
      db,
      clock: k.h.clock,
      random: cryptoRandom,
    });

    const { person } = await k.h.activatedPerson();
    const soft = new SoftChip(k.h.config.mitidUrl);
    const reg = await chip.registration.registrationOptions({
      identityId: person.identityId,
      userId: person.userId,
      displayName: 'Jonas Jensen',
    });
    const finished = await db.transaction().execute((trx) =>
      chip.registration.finishRegistration(trx, k.h.core.authenticators, {
        registrationId: reg.registrationId,
        identityId: person.identityId,
        response: soft.register(reg.options),
      }),
    );
    assert.ok(finished.ok, JSON.stringify(finished));
    const made = await db.transaction().execute((trx) =>
      createPassword(trx, k.h.core.authenticators, {
        identityId: person.identityId,
        userId: person.userId,
        password: 'Rigtig-kode-2026',
        now: now(),
      }),
    );
    assert.ok(made.ok, JSON.stringify(made));

    const started = async (userId: string) => {
      const uid = k.mount.open({ level: 'high' });
      const b: Browser = k.browser();
      b.enter(uid);
      await b.get(`/op/login/${uid}`);
      assert.equal((await b.post(`/op/login/${uid}/method`, { method: 'chip' })).statusCode, 303);
      await b.get(`/op/login/${uid}`);
      assert.equal((await b.post(`/op/login/${uid}`, { userId })).statusCode, 303);
      const page = await b.get(`/op/login/${uid}`);
      assert.match(page.body, /Indtast din adgangskode og tryk START/);
      return { uid, b, options: optionsOn(page.body) };
    };
    const post = (s: { uid: string; b: Browser }, response: unknown, password = 'Rigtig-kode-2026') =>
      s.b.post(`/op/login/${s.uid}/chip`, { password, response: JSON.stringify(response) });

    await t.test('the chip and the password in one post: high, amr [chip, password]', async () => {
      const s = await started(person.userId);
      assert.deepEqual(s.options.allowCredentials, []);
      const assertion = soft.assert(s.options);
      const res = await post(s, assertion);
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const login = k.mount.finished.find((f) => f.uid === s.uid)?.login;
      assert.deepEqual(login?.result.amr, ['chip', 'password']);
      assert.equal(login?.result.aal, 'high');
      // The same assertion in a new login: its challenge is not this login's.
      const again = await started(person.userId);
      const replay = await post(again, assertion);
      assert.equal(replay.statusCode, 400);
      assert.match(replay.body, /Chippen blev ikke genkendt|Det tog for lang tid/);
      await again.b.post(`/op/login/${again.uid}/cancel`);
    });

    await t.test('another chip, and a user-ID nobody has: the same refusal', async () => {
      const stranger = new SoftChip(k.h.config.mitidUrl);
      stranger.register({ challenge: 'AAAA', user: { id: 'c3RyYW5nZXI' } });
      const norm = (body: string, uid: string) =>
        body
          .replaceAll(uid, 'UID')
          .replace(/name="_csrf" value="[^"]+"/g, 'CSRF')
          .replace(/data-options="[^"]+"/, 'OPTIONS');
      const refused = async (userId: string) => {
        const s = await started(userId);
        const res = await post(s, stranger.assert(s.options));
        await s.b.post(`/op/login/${s.uid}/cancel`);
        return { status: res.statusCode, body: norm(res.body, s.uid) };
      };
      const known = await refused(person.userId);
      assert.equal(known.status, 400);
      assert.match(known.body, /Chippen blev ikke genkendt/);
      assert.deepEqual(await refused('nobody-with-a-chip'), known);
    });
  });
}
