/**
 * The login box on both databases, through its routes (app.inject) with a recording LoginMount:
 * the QR code and the typed code it shows open the authentication in the app and nothing else
 * does; the result goes once, and only to the browser that started the login; Afbryd, a rejection,
 * a block and the expiry each end on a clear page and reach the service as refused; a second start
 * supersedes the first; bad input and a missing CSRF token change nothing; a known and an unknown
 * user-ID get the same answer; guessing one user-ID is slowed, never refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUTHENTICATION_TTL_MS, matchChannelProof, qrPayload } from '../../../core/authentications/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { qrSvgDataUrl } from './qrFrame.ts';
import { type BoxKit, type Browser, qrOn, startBox, typedCodeOn } from './testBox.ts';

const countOf = async (k: BoxKit, table: 'authentications' | 'rate_counters'): Promise<number> => {
  const db = k.h.database.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
  const row = await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
};

const now = (k: BoxKit) => k.h.clock.now().getTime();

/** Opens an interaction in a new browser and types the user-ID: the waiting page. */
async function started(k: BoxKit, userId: string, request = {}) {
  const uid = k.mount.open(request);
  const b = k.browser();
  b.enter(uid);
  const first = await b.get(`/op/login/${uid}`);
  assert.equal(first.statusCode, 200);
  const res = await b.post(`/op/login/${uid}`, { userId });
  assert.equal(res.statusCode, 303, res.body);
  const page = await b.get(`/op/login/${uid}`);
  assert.equal(page.statusCode, 200);
  return { uid, b, page: page.body };
}

/** The app's side: the typed code proves the channel (as POST /devices/:id/channel will), then it decides. */
async function openInApp(k: BoxKit, identityId: string, code: string): Promise<string> {
  const candidates = await k.h.core.authentications.awaitingChannel(identityId, 'app');
  const id = matchChannelProof({ code }, candidates, now(k));
  assert.ok(id, 'the typed code opens an authentication');
  assert.equal(await k.h.core.authentications.verifyChannel(id, 'device'), true);
  return id;
}

const lastStatus = (b: Browser, uid: string) =>
  b.get(`/op/login/${uid}/status?wait=0`).then((r) => r.json() as { status: string });

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: the login box`, async (t) => {
    const k = await startBox(dialect);
    t.after(() => k.close());
    const { person, device } = await k.h.activatedPerson();

    await t.test(
      'the typed code and the QR code open the login in the app, which shows nothing before',
      async () => {
        const { uid, b, page } = await started(k, person.userId);
        assert.match(page, /Log på hos Min Bank/);
        assert.match(page, /Åbn MitID app, og scan QR-koden/);
        // The done and cancel forms end at the client's callback: its origin is allowed, only here.
        const csp = String((await b.get(`/op/login/${uid}`)).headers['content-security-policy']);
        assert.match(csp, new RegExp(`form-action 'self' [^;]*${new URL(k.h.config.bankUrl).origin}`));
        assert.match(csp, /default-src 'self'/);
        const code = typedCodeOn(page);
        assert.ok(code && /^\d{6}$/.test(code));
        // Before the channel is proved, the person's app sees nothing.
        assert.deepEqual(await device.pending(), []);
        // The QR image is this second's frame of the authentication's channel, and that frame opens it.
        const [candidate] = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
        assert.ok(candidate);
        const payload = qrPayload(candidate, now(k));
        assert.equal(qrOn(page), await qrSvgDataUrl(payload));
        assert.equal(matchChannelProof({ qr: payload }, [candidate], now(k)), candidate.id);
        assert.equal(
          matchChannelProof({ code: code === '000000' ? '000001' : '000000' }, [candidate], now(k)),
          undefined,
        );
        const id = await openInApp(k, person.identityId, code);
        const [tx] = await device.pending();
        assert.equal(tx?.id, id);
        assert.equal(tx?.serviceName, 'Min Bank');
        assert.equal(tx?.text, 'Log på hos Min Bank');
        assert.equal(tx?.requiresPin, false);
        assert.equal((await lastStatus(b, uid)).status, 'pending');
        assert.equal((await device.decide(tx, 'approve')).statusCode, 200);
        const approvedPage = await b.get(`/op/login/${uid}`);
        assert.match(approvedPage.body, /Fortsæt til Min Bank/);
        const done = await b.post(`/op/login/${uid}/done`);
        assert.equal(done.statusCode, 303);
        assert.equal(done.headers.location, `https://service.example/callback?code=for-${uid}`);
        const finished = k.mount.finished.filter((f) => f.uid === uid);
        assert.equal(finished.length, 1);
        assert.equal(finished[0]?.login?.identityId, person.identityId);
        assert.equal(finished[0]?.login?.authenticationId, id);
        assert.deepEqual(finished[0]?.login?.result.amr, ['app']);
        assert.equal(finished[0]?.login?.authTime, Math.floor(now(k) / 1000));
        assert.match(
          String(done.headers['set-cookie']),
          /mitid_last_kind=app; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/,
        );
      },
    );

    await t.test('a stranger who knows only the user-ID starts a login nobody can approve', async () => {
      const stranger = await started(k, person.userId);
      const owner = await started(k, person.userId);
      // The person's app shows neither until a screen's code is proved.
      assert.deepEqual(await device.pending(), []);
      const strangerCode = typedCodeOn(stranger.page) ?? '';
      const ownerCode = typedCodeOn(owner.page) ?? '';
      assert.notEqual(strangerCode, ownerCode);
      // The owner proves their own screen's code: only the owner's login reaches the app.
      const opened = await openInApp(k, person.identityId, ownerCode);
      const pending = await device.pending();
      assert.deepEqual(
        pending.map((p) => p.id),
        [opened],
      );
      assert.equal((await lastStatus(stranger.b, stranger.uid)).status, 'awaiting_channel');
      const [tx] = pending;
      assert.ok(tx);
      await device.decide(tx, 'approve');
      // The stranger's done only sends it back to its own waiting page; the owner's finishes.
      assert.equal((await stranger.b.post(`/op/login/${stranger.uid}/done`)).statusCode, 303);
      assert.equal(k.mount.finished.filter((f) => f.uid === stranger.uid).length, 0);
      assert.equal((await owner.b.post(`/op/login/${owner.uid}/done`)).statusCode, 303);
      assert.equal(k.mount.finished.find((f) => f.uid === owner.uid)?.login?.identityId, person.identityId);
      await stranger.b.post(`/op/login/${stranger.uid}/cancel`);
    });
    await t.test(
      'a reference text is shown at the last step and in the app; level high asks for the PIN',
      async () => {
        const { page } = await started(k, person.userId, {
          referenceText: 'Overfør 100,00 kr. til konto 1234',
          level: 'high',
          action: 'approve',
        });
        assert.match(page, /Godkend hos Min Bank/);
        assert.match(page, /Tekst fra Min Bank/);
        assert.match(page, /Overfør 100,00 kr\. til konto 1234/);
        await openInApp(k, person.identityId, typedCodeOn(page) ?? '');
        const [tx] = await device.pending();
        assert.equal(tx?.text, 'Overfør 100,00 kr. til konto 1234');
        assert.equal(tx?.requiresPin, true);
        assert.equal(tx?.level, 'high');
        assert.equal((await device.decide(tx, 'reject')).statusCode, 200);
      },
    );

    await t.test(
      'done from another browser gets nothing and finishes nothing; done twice finishes once',
      async () => {
        const { uid, b, page } = await started(k, person.userId);
        await openInApp(k, person.identityId, typedCodeOn(page) ?? '');
        const [tx] = await device.pending();
        assert.ok(tx);
        await device.decide(tx, 'approve');
        // Another browser with the interaction's cookie (a replayed callback) and its own binding.
        const other = k.browser();
        other.enter(uid);
        await other.get(`/op/login/${uid}`);
        const stolen = await other.post(`/op/login/${uid}/done`);
        assert.equal(stolen.statusCode, 409);
        assert.match(stolen.body, /Der er ikke noget at afslutte i denne browser/);
        assert.doesNotMatch(stolen.body, /\n\s+at |Error:/);
        assert.equal(k.mount.finished.filter((f) => f.uid === uid).length, 0);
        // The same browser twice at once: one login.
        const [x, y] = await Promise.all([b.post(`/op/login/${uid}/done`), b.post(`/op/login/${uid}/done`)]);
        // The loser finds the result consumed (409) or the interaction already finished (404).
        const [won, lost] = [x.statusCode, y.statusCode].sort();
        assert.equal(won, 303);
        assert.ok(lost === 404 || lost === 409, String(lost));
        assert.equal(k.mount.finished.filter((f) => f.uid === uid).length, 1);
      },
    );

    await t.test('Afbryd cancels the authentication and refuses the login', async () => {
      const { uid, b } = await started(k, person.userId);
      const res = await b.post(`/op/login/${uid}/cancel`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, 'https://service.example/callback?error=access_denied');
      assert.deepEqual(
        k.mount.finished.filter((f) => f.uid === uid).map((f) => f.refused),
        ['cancelled'],
      );
      assert.deepEqual(await k.h.core.authentications.awaitingChannel(person.identityId, 'app'), []);
      assert.equal((await lastStatus(b, uid)).status, 'cancelled');
    });

    await t.test('rejected in the app: a clear page, and back to the service as rejected', async () => {
      const { uid, b, page } = await started(k, person.userId);
      await openInApp(k, person.identityId, typedCodeOn(page) ?? '');
      const [tx] = await device.pending();
      assert.ok(tx);
      await device.decide(tx, 'reject');
      const shown = await b.get(`/op/login/${uid}`);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /Du afviste anmodningen/);
      assert.match(shown.body, /Tilbage til Min Bank/);
      const back = await b.post(`/op/login/${uid}/cancel`);
      assert.equal(back.statusCode, 303);
      assert.deepEqual(
        k.mount.finished.filter((f) => f.uid === uid).map((f) => f.refused),
        ['rejected'],
      );
    });

    await t.test('cancelled by a block: a clear page', async () => {
      const { uid, b } = await started(k, person.userId);
      await k.h.database.db
        .transaction()
        .execute((trx) => k.h.core.authentications.cancelPendingOf(trx, { identityId: person.identityId }));
      const shown = await b.get(`/op/login/${uid}`);
      assert.match(shown.body, /Anmodningen er annulleret/);
      assert.match(shown.body, /33 98 00 10/);
      await b.post(`/op/login/${uid}/cancel`);
      assert.deepEqual(
        k.mount.finished.filter((f) => f.uid === uid).map((f) => f.refused),
        ['cancelled'],
      );
    });

    await t.test(
      'expired: "Tiden er udløbet", Prøv igen makes a new one, Tilbage refuses as expired',
      async () => {
        const { uid, b } = await started(k, person.userId);
        const first = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
        assert.equal(first.length, 1);
        k.h.clock.advance(AUTHENTICATION_TTL_MS + 1000);
        const shown = await b.get(`/op/login/${uid}`);
        assert.match(shown.body, /Tiden er udløbet/);
        assert.match(shown.body, /Prøv igen/);
        assert.equal((await lastStatus(b, uid)).status, 'expired');
        const retry = await b.post(`/op/login/${uid}`, { retry: '1' });
        assert.equal(retry.statusCode, 303);
        const again = await b.get(`/op/login/${uid}`);
        assert.match(again.body, /Åbn MitID app, og scan QR-koden/);
        const second = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
        assert.equal(second.length, 1);
        assert.notEqual(second[0]?.id, first[0]?.id);
        k.h.clock.advance(AUTHENTICATION_TTL_MS + 1000);
        await b.get(`/op/login/${uid}`);
        const back = await b.post(`/op/login/${uid}/cancel`);
        assert.equal(back.statusCode, 303);
        assert.deepEqual(
          k.mount.finished.filter((f) => f.uid === uid).map((f) => f.refused),
          ['expired'],
        );
      },
    );

    await t.test('a second start in the interaction supersedes the first', async () => {
      const { uid, b } = await started(k, person.userId);
      const [first] = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
      assert.ok(first);
      assert.equal((await b.post(`/op/login/${uid}`, { userId: person.userId })).statusCode, 303);
      const old = await k.h.core.authentications.get(first.id);
      assert.equal(old?.status, 'cancelled');
      assert.equal(old?.cancelReason, 'superseded');
      const open = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
      assert.equal(open.length, 1);
      assert.notEqual(open[0]?.id, first.id);
      await b.post(`/op/login/${uid}/cancel`);
    });

    await t.test('without the CSRF token: refused, nothing written', async () => {
      const uid = k.mount.open();
      const b = k.browser();
      b.enter(uid);
      await b.get(`/op/login/${uid}`);
      const before = [await countOf(k, 'authentications'), await countOf(k, 'rate_counters')];
      const res = await b.post(`/op/login/${uid}`, { userId: person.userId }, { csrf: false });
      assert.equal(res.statusCode, 403);
      const forged = await b.post(
        `/op/login/${uid}`,
        { userId: person.userId, _csrf: 'forged' },
        { csrf: false },
      );
      assert.equal(forged.statusCode, 403);
      const cancel = await b.post(`/op/login/${uid}/cancel`, {}, { csrf: false });
      assert.equal(cancel.statusCode, 403);
      assert.deepEqual([await countOf(k, 'authentications'), await countOf(k, 'rate_counters')], before);
      assert.equal(k.mount.finished.filter((f) => f.uid === uid).length, 0);
    });

    await t.test('a missing, too long or malformed user-ID: a clear message, nothing written', async () => {
      const uid = k.mount.open();
      const b = k.browser();
      b.enter(uid);
      await b.get(`/op/login/${uid}`);
      const before = [await countOf(k, 'authentications'), await countOf(k, 'rate_counters')];
      for (const [userId, message] of [
        ['', /Indtast dit bruger-ID/],
        ['   ', /Indtast dit bruger-ID/],
        ['x'.repeat(49), /Et bruger-ID har højst 48 tegn/],
        ['x'.repeat(5000), /Et bruger-ID har højst 48 tegn/],
        ['jonas\u0000jensen', /indeholder tegn/],
        ['jonas\u202ejensen', /indeholder tegn/],
        ['jonas\ud800', /indeholder tegn/],
        ['jonas<script>', /indeholder tegn, som et bruger-ID ikke kan have: “&lt;”, “&gt;”/],
      ] as const) {
        const res = await b.post(`/op/login/${uid}`, { userId });
        assert.equal(res.statusCode, 400, JSON.stringify(userId));
        assert.match(res.body, message);
        assert.match(res.body, /aria-invalid="true"/);
      }
      assert.deepEqual([await countOf(k, 'authentications'), await countOf(k, 'rate_counters')], before);
    });

    await t.test('a known and an unknown user-ID get the same answer, in the same time', async () => {
      const normalise = (s: string, uid: string) =>
        s
          .replaceAll(uid, 'UID')
          .replace(/name="_csrf" value="[^"]+"/g, 'CSRF')
          .replace(/data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+/g, 'QR')
          .replace(/id="login-box-typed">[0-9 ]+</, 'CODE');
      const cookieShape = (set: unknown) =>
        (Array.isArray(set) ? set : set ? [set] : []).map((c: string) => c.replace(/=[^;]*/, '=V')).sort();
      const answer = async (userId: string) => {
        const uid = k.mount.open();
        const b = k.browser();
        b.enter(uid);
        await b.get(`/op/login/${uid}`);
        const t0 = performance.now();
        const res = await b.post(`/op/login/${uid}`, { userId });
        const ms = performance.now() - t0;
        const page = await b.get(`/op/login/${uid}`);
        await b.post(`/op/login/${uid}/cancel`);
        return {
          ms,
          shape: {
            status: res.statusCode,
            location: String(res.headers.location).replace(uid, 'UID'),
            cookies: cookieShape(res.headers['set-cookie']),
            body: normalise(res.body, uid),
            page: normalise(page.body, uid),
            pageStatus: page.statusCode,
          },
        };
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 12; i++) {
        const a = await answer(person.userId);
        const u = await answer(`nobody-has-this-${i}`);
        assert.deepEqual(u.shape, a.shape);
        if (i >= 2) {
          known.push(a.ms);
          unknown.push(u.ms);
        }
      }
      const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] ?? 0;
      const [mk, mu] = [median(known), median(unknown)];
      assert.ok(Math.abs(mk - mu) < 5 + 0.5 * Math.max(mk, mu), `known ${mk} ms, unknown ${mu} ms`);
    });

    await t.test('an unknown interaction, or one that ended: a clear page', async () => {
      const b = k.browser();
      for (const url of ['/op/login/not-an-interaction', '/op/login/%00', `/op/login/${'x'.repeat(65)}`]) {
        const res = await b.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /Siden er udløbet/);
      }
      const uid = k.mount.open();
      b.enter(uid);
      await b.get(`/op/login/${uid}`);
      k.mount.interactions.delete(uid);
      const res = await b.post(`/op/login/${uid}`, { userId: person.userId });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /Login-siden findes ikke eller er udløbet/);
    });

    await t.test(
      'a uuid hint skips the user-ID step; "Åbn MitID app" carries this moment\'s QR payload',
      async () => {
        const uid = k.mount.open({ uuidHint: person.identityId });
        const b = k.browser();
        b.enter(uid);
        const page = await b.get(`/op/login/${uid}`);
        assert.doesNotMatch(page.body, /name="userId"/);
        assert.match(page.body, /Åbn MitID app/);
        const [candidate] = await k.h.core.authentications.awaitingChannel(person.identityId, 'app');
        assert.ok(candidate);
        const open = await b.get(`/op/login/${uid}/open-app`);
        assert.equal(open.statusCode, 303);
        assert.equal(
          open.headers.location,
          `${k.h.config.mitidUrl}/app/#channel=${encodeURIComponent(qrPayload(candidate, now(k)))}`,
        );
        // Another browser gets no payload.
        const other = k.browser();
        const refused = await other.get(`/op/login/${uid}/open-app`);
        assert.equal(refused.statusCode, 303);
        assert.equal(refused.headers.location, `/op/login/${uid}?lang=da`);
        await b.post(`/op/login/${uid}/cancel`);
      },
    );

    await t.test(
      "a step-up of the browser's session: no user-ID, no QR or code; pending in the app at once, with the PIN",
      async () => {
        const uid = k.mount.open({ level: 'high' }, undefined, { stepUp: { uuid: person.identityId } });
        const b = k.browser();
        b.enter(uid);
        const page = await b.get(`/op/login/${uid}`);
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(page.body, /name="userId"/);
        assert.doesNotMatch(page.body, /login-box-qr|login-box-typed/);
        assert.match(page.body, /data-status="pending"/);
        assert.match(page.body, /Åbn MitID-appen og godkend med din PIN-kode/);
        const row = await k.h.database.db
          .selectFrom('authentications')
          .select(['identity_id', 'status', 'requested_level', 'requires_uv', 'channel_verified_at'])
          .where('interaction_id', '=', uid)
          .executeTakeFirstOrThrow();
        assert.equal(row.identity_id, person.identityId);
        assert.equal(row.status, 'pending');
        assert.equal(row.requested_level, 'high');
        assert.equal(row.requires_uv, 1);
        assert.notEqual(row.channel_verified_at, null);
        // Reloading starts nothing new; another browser has no state of this interaction.
        await b.get(`/op/login/${uid}`);
        const rows = await k.h.database.db
          .selectFrom('authentications')
          .select('id')
          .where('interaction_id', '=', uid)
          .execute();
        assert.equal(rows.length, 1);
        await b.post(`/op/login/${uid}/cancel`);
      },
    );

    await t.test('the script and the styles are static files; no page has an inline script', async () => {
      const b = k.browser();
      const js = await b.get('/static/login-box/login-box.js');
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /javascript/);
      const css = await b.get('/static/site/login-box.css');
      assert.equal(css.statusCode, 200);
      assert.equal((await b.get('/static/login-box/../box.test.ts')).statusCode, 404);
      const { uid, b: owner, page } = await started(k, person.userId);
      assert.match(page, /<script type="module" src="\/static\/login-box\/login-box\.js"><\/script>/);
      assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)/);
      assert.doesNotMatch(page, /\son[a-z]+=/i);
      await owner.post(`/op/login/${uid}/cancel`);
    });

    await t.test('each mount has its own box: its prefix, its binding cookie, its port', async () => {
      const uid = k.idura.open({ action: 'confirm' });
      const b = k.browser();
      b.enter(uid);
      const page = await b.get(`/idura/login/${uid}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Bekræft hos Min Bank/);
      assert.match(page.body, /action="\/idura\/login\/[^"]+\/cancel\?lang=da"/);
      assert.match(
        String(page.headers['set-cookie']),
        /mitid_box=[^;]+; Path=\/idura; HttpOnly; SameSite=Lax/,
      );
      // The /op box does not know an /idura interaction.
      assert.equal((await b.get(`/op/login/${uid}`)).statusCode, 404);
      assert.equal((await b.post(`/idura/login/${uid}`, { userId: person.userId })).statusCode, 303);
      const back = await b.post(`/idura/login/${uid}/cancel`);
      assert.equal(back.statusCode, 303);
      assert.deepEqual(
        k.idura.finished.map((f) => [f.uid, f.refused]),
        [[uid, 'cancelled']],
      );
      assert.equal(k.mount.finished.filter((f) => f.uid === uid).length, 0);
    });

    await t.test('English from the request or the language switch', async () => {
      const uid = k.mount.open({ language: 'en' });
      const b = k.browser();
      b.enter(uid);
      const page = await b.get(`/op/login/${uid}`);
      assert.match(page.body, /<html lang="en"/);
      assert.match(page.body, /Log on to Min Bank/);
      assert.match(page.body, /User ID/);
      assert.match(page.body, /CONTINUE/);
      const da = await b.get(`/op/login/${uid}?lang=da`);
      assert.match(da.body, /Log på hos Min Bank/);
      const uid2 = k.mount.open();
      b.enter(uid2);
      const en = await b.get(`/op/login/${uid2}?lang=en`);
      assert.match(en.body, /Log on to Min Bank/);
      assert.match(en.body, /action="\/op\/login\/[^"?]+\?lang=en"/);
      const bad = await b.post(`/op/login/${uid2}?lang=en`, { userId: '' });
      assert.match(bad.body, /Enter your user ID/);
    });

    await t.test('server-sent events: a QR frame each second, then the final status', async () => {
      const { uid, b, page } = await started(k, person.userId);
      const stream = k.h.app.inject({
        method: 'GET',
        url: `/op/login/${uid}/events`,
        headers: { cookie: b.cookieHeader() },
      });
      await new Promise((r) => setTimeout(r, 2300));
      await openInApp(k, person.identityId, typedCodeOn(page) ?? '');
      const [tx] = await device.pending();
      assert.ok(tx);
      await device.decide(tx, 'approve');
      const res = await stream;
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      const events = res.body
        .split('\n\n')
        .filter((e) => e.startsWith('event: '))
        .map((e) => {
          const [, name = '', data = ''] = /^event: (\w+)\ndata: (.*)$/s.exec(e) ?? [];
          return { name, data: JSON.parse(data) as Record<string, unknown> };
        });
      const frames = events.filter((e) => e.name === 'frame');
      assert.ok(frames.length >= 2, `${frames.length} frames`);
      for (const f of frames) assert.match(String(f.data.qr), /^data:image\/svg\+xml;base64,/);
      const statuses = events.filter((e) => e.name === 'status').map((e) => e.data.status);
      assert.equal(statuses[0], 'awaiting_channel');
      assert.equal(statuses.at(-1), 'approved');
      // Long polling answers at once when the status differs from what the page has.
      const polled = await b.get(`/op/login/${uid}/status?since=pending&wait=20`);
      assert.equal(polled.json().status, 'approved');
      // No binding: no stream.
      const none = await k.h.app.inject({ method: 'GET', url: `/op/login/${uid}/events` });
      assert.equal(none.statusCode, 404);
      await b.post(`/op/login/${uid}/done`);
    });
  });

  test(`${dialect}: guessing one user-ID is slowed down, never refused, and the owner still logs in`, async () => {
    const k = await startBox(dialect, { guessing: { max: 2, windowMs: 60_000, delayMs: 1500 } });
    try {
      const { person, device } = await k.h.activatedPerson();
      const timed = async (userId: string) => {
        const t0 = performance.now();
        const s = await started(k, userId);
        return { ...s, ms: performance.now() - t0 };
      };
      // A stranger starts twice with the owner's user-ID: not slowed yet.
      for (let i = 0; i < 2; i++) assert.ok((await timed(person.userId)).ms < 1200);
      // Another user-ID is not slowed by them.
      assert.ok((await timed('someone-else')).ms < 1200);
      // The owner's own start is slowed, but it starts, and the owner's app approves it.
      const owner = await timed(person.userId);
      assert.ok(owner.ms >= 1490, `${owner.ms} ms`);
      await openInApp(k, person.identityId, typedCodeOn(owner.page) ?? '');
      const [tx] = await device.pending();
      assert.ok(tx);
      await device.decide(tx, 'approve');
      const done = await owner.b.post(`/op/login/${owner.uid}/done`);
      assert.equal(done.statusCode, 303);
      assert.equal(k.mount.finished.find((f) => f.uid === owner.uid)?.login?.identityId, person.identityId);
    } finally {
      await k.close();
    }
  });

  test(`${dialect}: open event streams are limited per address`, async () => {
    const k = await startBox(dialect, { streamsPerAddress: 1 });
    try {
      const { person } = await k.h.activatedPerson();
      const { uid, b } = await started(k, person.userId);
      const first = k.h.app.inject({
        method: 'GET',
        url: `/op/login/${uid}/events`,
        headers: { cookie: b.cookieHeader() },
      });
      await new Promise((r) => setTimeout(r, 300));
      const second = await k.h.app.inject({
        method: 'GET',
        url: `/op/login/${uid}/events`,
        headers: { cookie: b.cookieHeader() },
      });
      assert.equal(second.statusCode, 429);
      await b.post(`/op/login/${uid}/cancel`);
      const res = await first;
      assert.match(res.body, /"status":"cancelled"/);
      // Its place is free again.
      const third = await k.h.app.inject({
        method: 'GET',
        url: `/op/login/${uid}/events`,
        headers: { cookie: b.cookieHeader() },
      });
      assert.equal(third.statusCode, 200);
    } finally {
      await k.close();
    }
  });
}
