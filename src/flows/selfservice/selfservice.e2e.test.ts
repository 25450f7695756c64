/**
 * MitID.dk's self-service over HTTP, logging in through the real /op with the app, on both
 * databases: the profile, CSRF on every form, the password change behind its gate (moved in the
 * database: the provider's tokens use the real time), the notice, logout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { IdentityStore } from '../../core/identity/index.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import {
  Browser,
  csrfOf,
  givePassword,
  loginWithApp,
  passwordVerifies,
  type SelfserviceOp,
  startSelfserviceOp,
} from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  describe(`MitID.dk self-service on ${dialect}`, () => {
    let op: SelfserviceOp;
    before(async () => {
      op = await startSelfserviceOp(dialect);
    });
    after(async () => op?.close());

    const openGate = (identityId: string) =>
      op.h.database.db
        .updateTable('gates' as never)
        .set({ opens_at: op.h.clock.now().getTime() - 1000 } as never)
        .where('identity_id' as never, '=', identityId as never)
        .where('status' as never, '=', 'waiting' as never)
        .execute();

    test('the front page links to the login; the profile lists the authenticators', async () => {
      const front = await (await fetch(`${op.base}/`)).text();
      assert.match(front, /href="\/selvbetjening\/log-paa"[^>]*>Log på MitID.dk/);
      const { person, device } = await op.h.activatedPerson();
      const { text, status } = await loginWithApp(op, person, device);
      assert.equal(status, 200, text);
      assert.match(text, /Mine identifikationsmidler/);
      assert.ok(text.includes(person.userId.replace('(', '(')), 'the user-ID');
      assert.match(text, /Jonas Jensen/);
      assert.match(text, /<td>MitID app<\/td>/);
      assert.match(text, /<td>Aktiv<\/td>/);
      assert.doesNotMatch(text, /Skift adgangskode/, 'no password: no link to change it');
      assert.match(text, /href="\/selvbetjening\/chip\/koeb">Køb MitID chip/);
      assert.match(text, /href="\/selvbetjening\/chip\/tilfoej">Tilføj chip/);
    });

    test('without a session every page and form says to log in, and changes nothing', async () => {
      const b = new Browser();
      for (const path of ['/selvbetjening', '/selvbetjening/adgangskode', '/selvbetjening/chip/tilfoej']) {
        const page = await b.follow(`${op.base}${path}`);
        assert.equal(page.status, 401, path);
        assert.match(page.text, /Log på MitID.dk/);
      }
      // A form without a session's CSRF cookie is refused before anything runs.
      const forged = await b.post(`${op.base}/selvbetjening/adgang`, { action: 'changePassword' });
      assert.equal(forged.status, 403);
    });

    test('a form without its CSRF token is refused', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser } = await loginWithApp(op, person, device);
      const res = await browser.post(`${op.base}/selvbetjening/adgang`, { action: 'changePassword' });
      assert.equal(res.status, 403);
      const rows = await op.h.database.db
        .selectFrom('gates' as never)
        .selectAll()
        .where('identity_id' as never, '=', person.identityId as never)
        .execute();
      assert.equal(rows.length, 0);
    });

    test('change the password: request, wait, the new one twice, the notice; once', async () => {
      const { person, device } = await op.h.activatedPerson();
      await givePassword(op, person, 'Gammel-kode-2026');
      const { browser, text } = await loginWithApp(op, person, device);
      assert.match(text, /href="\/selvbetjening\/adgangskode">Skift adgangskode/);
      const page = await browser.follow(`${op.base}/selvbetjening/adgangskode`);
      assert.match(page.text, /vente 24 timer/);
      assert.doesNotMatch(page.text, /name="password"/, 'no form before the gate opens');
      const asked = await browser.post(`${op.base}/selvbetjening/adgang`, {
        _csrf: csrfOf(page.text),
        action: 'changePassword',
      });
      assert.equal(asked.status, 200);
      assert.match(asked.text, /Du har anmodet om adgang/);
      const sms = await op.h.messagesTo(person.mobile ?? '');
      assert.ok(sms.some((m) => /Var det ikke dig\? Spær din MitID/.test(m.body)));

      // Before it opens a POST changes nothing.
      const early = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(asked.text),
        password: 'Ny-staerk-kode-77',
        repeat: 'Ny-staerk-kode-77',
      });
      assert.equal(early.status, 403);
      assert.ok(await passwordVerifies(op, person.identityId, 'Gammel-kode-2026'));

      await openGate(person.identityId);
      const open = await browser.follow(`${op.base}/selvbetjening/adgangskode`);
      assert.match(open.text, /Du har fået adgang/);
      assert.match(open.text, /name="password"/);

      // Bad input: a clear message, nothing changed, the password not echoed back.
      const short = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(open.text),
        password: 'kort',
        repeat: 'kort',
      });
      assert.equal(short.status, 400);
      assert.match(short.text, /error-summary/);
      assert.match(short.text, /Adgangskoden skal indeholde mindst 8 tegn/);
      assert.doesNotMatch(short.text, /value="kort"/);
      const mismatch = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(open.text),
        password: 'Ny-staerk-kode-77',
        repeat: 'Ny-staerk-kode-78',
      });
      assert.equal(mismatch.status, 400);
      assert.match(mismatch.text, /De to adgangskoder er ikke ens/);
      assert.ok(await passwordVerifies(op, person.identityId, 'Gammel-kode-2026'));

      // The live check answers the rules' texts only.
      const live = await browser.json(`${op.base}/selvbetjening/adgangskode/tjek`, {
        _csrf: csrfOf(open.text),
        password: 'kort',
      });
      assert.equal(live.status, 200);
      assert.deepEqual(live.body.problems, ['Adgangskoden skal indeholde mindst 8 tegn.']);

      const changed = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(open.text),
        password: 'Ny-staerk-kode-77',
        repeat: 'Ny-staerk-kode-77',
      });
      assert.equal(changed.status, 200, changed.text);
      assert.match(changed.text, /Din MitID adgangskode er ændret/);
      assert.ok(await passwordVerifies(op, person.identityId, 'Ny-staerk-kode-77'));
      const notices = (await op.h.messagesTo(person.email ?? '')).filter((m) =>
        /Din MitID adgangskode er ændret/.test(m.subject),
      );
      assert.equal(notices.length, 1);
      assert.ok(!notices.some((m) => m.body.includes('Ny-staerk-kode-77')), 'never the password in it');

      // The gate was used: a replay of the form changes nothing.
      const replay = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(open.text),
        password: 'Tredje-kode-2026x',
        repeat: 'Tredje-kode-2026x',
      });
      assert.equal(replay.status, 403);
      assert.ok(await passwordVerifies(op, person.identityId, 'Ny-staerk-kode-77'));
    });

    test("a stranger's session cannot cancel or use another person's gate", async () => {
      const owner = await op.h.activatedPerson();
      await givePassword(op, owner.person, 'Ejerens-kode-2026');
      const ownerLogin = await loginWithApp(op, owner.person, owner.device);
      const page = await ownerLogin.browser.follow(`${op.base}/selvbetjening/adgangskode`);
      await ownerLogin.browser.post(`${op.base}/selvbetjening/adgang`, {
        _csrf: csrfOf(page.text),
        action: 'changePassword',
      });
      await openGate(owner.person.identityId);
      const gate = (await op.h.database.db
        .selectFrom('gates' as never)
        .select(['id' as never])
        .where('identity_id' as never, '=', owner.person.identityId as never)
        .executeTakeFirstOrThrow()) as { id: string };

      const stranger = await op.h.activatedPerson();
      const { browser, text } = await loginWithApp(op, stranger.person, stranger.device);
      const cancel = await browser.post(`${op.base}/selvbetjening/adgang/annuller`, {
        _csrf: csrfOf(text),
        gate: gate.id,
      });
      assert.equal(cancel.status, 404);
      // The stranger has no password: the change is refused and the owner's password stays.
      const use = await browser.post(`${op.base}/selvbetjening/adgangskode`, {
        _csrf: csrfOf(text),
        password: 'Fremmed-kode-2026',
        repeat: 'Fremmed-kode-2026',
      });
      assert.equal(use.status, 404);
      const still = await ownerLogin.browser.follow(`${op.base}/selvbetjening/adgangskode`);
      assert.match(still.text, /Du har fået adgang/);
      assert.ok(await passwordVerifies(op, owner.person.identityId, 'Ejerens-kode-2026'));
    });

    test('an unknown action or a long gate id is refused, nothing written', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser, text } = await loginWithApp(op, person, device);
      const bad = await browser.post(`${op.base}/selvbetjening/adgang`, {
        _csrf: csrfOf(text),
        action: 'deleteAll',
      });
      assert.equal(bad.status, 400);
      const array = await browser.fetch(`${op.base}/selvbetjening/adgang`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ _csrf: csrfOf(text), action: ['changePassword'] }),
      });
      assert.equal(array.status, 400, 'an action that is not a string');
      const long = await browser.post(`${op.base}/selvbetjening/adgang/annuller`, {
        _csrf: csrfOf(text),
        gate: 'x'.repeat(5000),
      });
      assert.equal(long.status, 404);
      const rows = await op.h.database.db
        .selectFrom('gates' as never)
        .selectAll()
        .where('identity_id' as never, '=', person.identityId as never)
        .execute();
      assert.equal(rows.length, 0);
    });

    test('log out ends the session here and at /op; English pages too', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser, text } = await loginWithApp(op, person, device);
      const en = await browser.follow(`${op.base}/selvbetjening?lang=en`);
      assert.match(en.text, /My authenticators/);
      const shown = await browser.post(`${op.base}/selvbetjening/log-af`, { _csrf: csrfOf(text) });
      assert.equal(shown.url.pathname, '/op/connect/endsession', 'RP-initiated logout at /op');
      const action = /<form[^>]*action="([^"]+)"/.exec(shown.text)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(shown.text)?.[1];
      assert.ok(action && xsrf, 'the provider asks to confirm');
      const out = await browser.post(new URL(action, op.base), { xsrf, logout: 'yes' });
      assert.equal(out.status, 200, out.text);
      assert.equal(out.url.pathname, '/selvbetjening/logget-af');
      assert.match(out.text, /You are logged out of MitID.dk/, 'in the language chosen before');
      const after = await browser.follow(`${op.base}/selvbetjening`);
      assert.equal(after.status, 401);
      // The MitID session ended too: logging in again asks for the user-ID.
      const again = await browser.follow(`${op.base}/selvbetjening/log-paa`);
      assert.match(again.text, /name="userId"/);
    });

    test('a MitID blocked after the login ends the session: nothing more can be asked', async () => {
      const { person, device } = await op.h.activatedPerson();
      const { browser, text } = await loginWithApp(op, person, device);
      await new IdentityStore(op.h.database.db).setStatus(
        person.identityId,
        'blocked',
        op.h.clock.now().getTime(),
      );
      const asked = await browser.post(`${op.base}/selvbetjening/adgang`, {
        _csrf: csrfOf(text),
        action: 'changePassword',
      });
      assert.equal(asked.status, 401);
      const rows = await op.h.database.db
        .selectFrom('gates' as never)
        .selectAll()
        .where('identity_id' as never, '=', person.identityId as never)
        .execute();
      assert.equal(rows.length, 0);
      assert.equal(browser.jar.has('mitid_selvbetjening'), false, 'the session cookie is cleared');
    });

    test('a foreign callback gets a clear page and no session', async () => {
      const b = new Browser();
      const res = await b.follow(`${op.base}/selvbetjening/callback?code=x&state=y`);
      assert.equal(res.status, 400);
      assert.match(res.text, /Start forfra/);
      assert.equal((await b.follow(`${op.base}/selvbetjening`)).status, 401);
    });
  });
}
