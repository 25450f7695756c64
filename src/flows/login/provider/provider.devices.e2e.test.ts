/**
 * A login with a code device and with the chip, end to end on both databases (decision 0014 §4):
 * a service (openid-client, Signaturgruppen's dialect) sends the browser to the provider; in the
 * box "Skift login-metode" chooses the method (a form post), the user-ID, then the code and the
 * password (or the chip's one post with the password); the box finishes through the port, and
 * the tokens carry the level (substantial; high for the chip) and the amr (code_token +
 * password; u2f_token + password); a session made with a code device is one like any other, and
 * its step-up to High offers the chip. The kinds are the box's test kinds (box/testing), wired into
 * MitidCore.implementations as the root wires the real ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { MitidDb } from '../../../core/db/index.ts';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { giveAuthenticator, type TestKinds, testKinds } from '../box/testing/testKinds.ts';
import { authParams, Browser, discover, startTestOp, type TestClient, type TestOp } from './testOp.ts';

const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, 'the page has its CSRF token');
  return token;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

const HIGH = 'https://data.gov.dk/concept/core/nsis/High';
const SUBSTANTIAL = 'https://data.gov.dk/concept/core/nsis/Substantial';

for (const dialect of await dialectsUnderTest()) {
  describe(`a login with a code device or the chip on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let kinds: TestKinds;
    let deviceId: string;
    before(async () => {
      op = await startTestOp(dialect);
      sg = await op.addClient({ id: 'sg-devices', dialect: 'signaturgruppen', testClient: false });
      kinds = testKinds();
      Object.assign(op.h.core.implementations, kinds.implementations);
      const db = op.h.database.db as unknown as Kysely<MitidDb>;
      const at = op.h.clock.now().getTime();
      deviceId = await giveAuthenticator(db, op.identityId, 'codeDisplay', at);
      kinds.setPassword(await giveAuthenticator(db, op.identityId, 'password', at), 'Rigtig-kode-2026');
      kinds.setChip(await giveAuthenticator(db, op.identityId, 'chip', at), 'cred-e2e');
      // Identified at level high, so that the chip's login can be High (loa = min(ial, aal)).
      await db.updateTable('identities').set({ ial: 'high' }).where('id', '=', op.identityId).execute();
    });
    after(async () => op?.close());

    /** To the box, the method chosen, the user-ID typed: the device step's page. */
    async function toStep(method: 'codeDevice' | 'chip', extra: Record<string, string> = {}) {
      const config = await discover(op, '/op', sg);
      const p = await authParams(op, { simulation: '', scope: 'openid mitid', ...extra });
      const browser = new Browser();
      const start = await browser.follow(client.buildAuthorizationUrl(config, p.params));
      assert.ok('page' in start);
      const box = new URL(start.page.url);
      const first = await start.page.text();
      const chosen = await browser.fetch(
        new URL(`${box.pathname}/method`, op.base),
        form({ _csrf: csrfOf(first), method }),
      );
      assert.equal(chosen.status, 303);
      const userIdPage = await (await browser.fetch(box)).text();
      const typed = await browser.fetch(box, form({ _csrf: csrfOf(userIdPage), userId: op.userId }));
      assert.equal(typed.status, 303, await typed.text());
      const page = await (await browser.fetch(box)).text();
      return { config, p, browser, box, page };
    }

    const tokensOf = async (
      s: Awaited<ReturnType<typeof toStep>>,
      done: { url: URL } | { page: Response },
    ) => {
      assert.ok('url' in done, 'back at the service');
      const tokens = await client.authorizationCodeGrant(s.config, done.url, {
        pkceCodeVerifier: s.p.verifier,
        expectedState: s.p.state,
        expectedNonce: s.p.nonce,
      });
      return tokens.claims();
    };

    test('user-ID, the code, the password: loa substantial, amr code_token + password', async () => {
      const s = await toStep('codeDevice');
      assert.match(s.page, /Indtast koden fra din MitID kodeviser eller kodeoplæser/);
      kinds.setCode(deviceId, '135790');
      const coded = await s.browser.fetch(
        new URL(`${s.box.pathname}/code`, op.base),
        form({ _csrf: csrfOf(s.page), code: '135790' }),
      );
      assert.equal(coded.status, 303);
      const pw = await (await s.browser.fetch(s.box)).text();
      assert.match(pw, /Indtast din MitID adgangskode/);
      const done = await s.browser.follow(
        new URL(`${s.box.pathname}/password`, op.base),
        form({ _csrf: csrfOf(pw), password: 'Rigtig-kode-2026' }),
      );
      const claims = await tokensOf(s, done);
      assert.equal(claims?.loa, SUBSTANTIAL);
      assert.deepEqual(claims?.amr, ['code_token', 'password']);
    });

    test('a session made with a code device: prompt=none is answered; a step-up to High offers the chip', async () => {
      const s = await toStep('codeDevice');
      kinds.setCode(deviceId, '975310');
      await s.browser.fetch(
        new URL(`${s.box.pathname}/code`, op.base),
        form({ _csrf: csrfOf(s.page), code: '975310' }),
      );
      const pw = await (await s.browser.fetch(s.box)).text();
      const done = await s.browser.follow(
        new URL(`${s.box.pathname}/password`, op.base),
        form({ _csrf: csrfOf(pw), password: 'Rigtig-kode-2026' }),
      );
      assert.equal((await tokensOf(s, done))?.loa, SUBSTANTIAL);
      // A session like any other: prompt=none at its level needs nothing typed.
      const none = await authParams(op, { simulation: '', prompt: 'none' });
      const cb = await s.browser.callback(client.buildAuthorizationUrl(s.config, none.params));
      assert.ok(cb.searchParams.get('code'));
      // The step-up to High: the box offers the app's PIN or the chip; the code device is disabled.
      const up = await authParams(op, {
        simulation: '',
        scope: 'openid mitid',
        prompt: 'login',
        idp_params: JSON.stringify({
          mitid: { loa_value: 'high', enable_step_up: true, uuid_hint: op.identityId },
        }),
      });
      const start = await s.browser.follow(client.buildAuthorizationUrl(s.config, up.params));
      assert.ok('page' in start);
      const box = new URL(start.page.url);
      const page = await start.page.text();
      assert.match(page, /Åbn MitID-appen og godkend med din PIN-kode/);
      assert.match(page, /name="method" value="chip"/);
      assert.match(page, /name="method" value="codeDevice"\s+disabled/);
      const switched = await s.browser.fetch(
        new URL(`${box.pathname}/method`, op.base),
        form({ _csrf: csrfOf(page), method: 'chip' }),
      );
      assert.equal(switched.status, 303);
      const chip = await (await s.browser.fetch(box)).text();
      assert.match(chip, /Indtast din adgangskode og tryk START/);
      const raw = /data-options="([^"]+)"/.exec(chip)?.[1] ?? '{}';
      const options = JSON.parse(raw.replaceAll('&quot;', '"')) as { challenge: string };
      const stepped = await s.browser.follow(
        new URL(`${box.pathname}/chip`, op.base),
        form({
          _csrf: csrfOf(chip),
          password: 'Rigtig-kode-2026',
          response: JSON.stringify({ id: 'cred-e2e', challenge: options.challenge }),
        }),
      );
      assert.ok('url' in stepped, 'back at the service');
      const tokens = await client.authorizationCodeGrant(s.config, stepped.url, {
        pkceCodeVerifier: up.verifier,
        expectedState: up.state,
        expectedNonce: up.nonce,
      });
      assert.equal(tokens.claims()?.loa, HIGH);
      assert.deepEqual(tokens.claims()?.amr, ['u2f_token', 'password']);
    });

    test('the chip at level high: one post with the password and the assertion; loa high, amr u2f_token + password', async () => {
      const s = await toStep('chip', { acr_values: HIGH });
      assert.match(s.page, /Indtast din adgangskode og tryk START/);
      const raw = /data-options="([^"]+)"/.exec(s.page)?.[1] ?? '{}';
      const options = JSON.parse(raw.replaceAll('&quot;', '"')) as { challenge: string };
      const done = await s.browser.follow(
        new URL(`${s.box.pathname}/chip`, op.base),
        form({
          _csrf: csrfOf(s.page),
          password: 'Rigtig-kode-2026',
          response: JSON.stringify({ id: 'cred-e2e', challenge: options.challenge }),
        }),
      );
      const claims = await tokensOf(s, done);
      assert.equal(claims?.aal, HIGH);
      assert.equal(claims?.loa, HIGH);
      assert.deepEqual(claims?.amr, ['u2f_token', 'password']);
    });
  });
}
