/**
 * Transaction signing end to end (decision 0013 §2), on both databases: openid-client pushes a
 * transfer (RAR `payment_initiation`, Signaturgruppen's sign text) to PAR, the person approves it
 * in the real box with the app protocol (the typed code, the PIN), and the token response carries
 * `authorization_details` and `transaction_token`, verified with jose against the provider's JWKS
 * and by `npm run verify-token` against a saved copy of it. Then what must be refused is.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { dialectsUnderTest } from '../../../platform/db/testDb.ts';
import { authParams, Browser, discover, startTestOp, type TestClient, type TestOp } from './testOp.ts';
import { TRANSACTION_RESOURCE } from './transactionSigning.ts';

const TRANSFER = {
  type: 'payment_initiation',
  instructedAmount: { currency: 'DKK', amount: '1250.00' },
  debtorAccount: { regNo: '1234', accountNo: '0001234567' },
  creditorAccount: { regNo: '9999', accountNo: '0087654321' },
  remittanceInformationUnstructured: 'Husleje december',
};
const DA_TEXT = 'Overfør 1.250,00 kr. til 9999 0087654321. Besked: Husleje december';
const EN_TEXT = 'Transfer DKK 1,250.00 to 9999 0087654321. Message: Husleje december';
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const details = (d: object = TRANSFER): string => JSON.stringify([d]);
const cli = fileURLToPath(new URL('../../../roots/cli/verifyTransactionToken.ts', import.meta.url));

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

type Pending = Awaited<ReturnType<TestOp['device']['pending']>>[number];

/** The box from its first page to the app's pending request: the user-ID (unless the page skips it), the typed code. */
async function toTheApp(
  op: TestOp,
  browser: Browser,
  start: URL,
): Promise<{ box: URL; waiting: string; tx: Pending }> {
  const first = await browser.follow(start);
  assert.ok('page' in first, `the box, not ${'url' in first ? first.url.href : ''}`);
  const box = new URL(first.page.url);
  const page = await first.page.text();
  assert.equal(first.page.status, 200, page);
  const typed = await browser.fetch(box, form({ _csrf: csrfOf(page), userId: op.userId }));
  assert.equal(typed.status, 303, await typed.text());
  const waiting = await (await browser.fetch(box)).text();
  const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting)?.[1]?.replace(/\s/g, '');
  assert.ok(code, 'the box shows the typed code');
  const proved = await op.device.signed('POST', '/channel', { code });
  assert.equal(proved.statusCode, 200, proved.body);
  const pending = await op.device.pending();
  assert.equal(pending.length, 1, 'this request, alone, is in the app');
  const [tx] = pending;
  assert.ok(tx);
  return { box, waiting, tx };
}

/** Approved in the app (with the PIN it asks for), then the box's done: the callback URL. */
async function approve(op: TestOp, browser: Browser, box: URL, tx: Pending): Promise<URL> {
  assert.equal((await op.device.decide(tx, 'approve')).statusCode, 200);
  const approved = await (await browser.fetch(box)).text();
  const done = await browser.follow(new URL(`${box.pathname}/done`, box), form({ _csrf: csrfOf(approved) }));
  assert.ok('url' in done, 'back at the service');
  return done.url;
}

interface Pushed {
  url: URL;
  p: Awaited<ReturnType<typeof authParams>>;
}

async function push(
  op: TestOp,
  config: client.Configuration,
  extra: Record<string, string>,
): Promise<Pushed> {
  const p = await authParams(op, { simulation: '', ...extra });
  return { url: await client.buildAuthorizationUrlWithPAR(config, p.params), p };
}

async function pushRefused(
  op: TestOp,
  config: client.Configuration,
  extra: Record<string, string>,
): Promise<{ error: string; description: string }> {
  try {
    await push(op, config, extra);
  } catch (e) {
    const err = e as client.ResponseBodyError;
    assert.ok(err instanceof client.ResponseBodyError, String(e));
    assert.equal(err.status, 400);
    return { error: err.error, description: err.error_description ?? '' };
  }
  assert.fail('the pushed request was accepted');
}

async function tokensOf(config: client.Configuration, callback: URL, p: Pushed['p']) {
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: p.verifier,
    expectedState: p.state,
    expectedNonce: p.nonce,
  });
}

async function jwksOf(op: TestOp, prefix: '/op' | '/idura', jwksPath: string): Promise<JSONWebKeySet> {
  return (await (await fetch(`${op.base}${prefix}${jwksPath}`)).json()) as JSONWebKeySet;
}

for (const dialect of await dialectsUnderTest()) {
  describe(`transaction signing on ${dialect}`, () => {
    let op: TestOp;
    let sg: TestClient;
    let idura: TestClient;
    let sgConfig: client.Configuration;
    let iduraConfig: client.Configuration;
    let dir: string;
    before(async () => {
      op = await startTestOp(dialect);
      sg = await op.addClient({ id: 'bank-sg', dialect: 'signaturgruppen', testClient: false });
      idura = await op.addClient({
        id: 'bank-idura',
        dialect: 'idura',
        testClient: false,
        oidc: { idTokenSignedResponseAlg: 'ES256' },
      });
      sgConfig = await discover(op, '/op', sg);
      iduraConfig = await discover(op, '/idura', idura);
      dir = mkdtempSync(path.join(tmpdir(), 'mitid-transaction-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await op?.close();
    });

    test('Signaturgruppen: a transfer through PAR, approved with the PIN: the details and a verifiable transaction token', async () => {
      const browser = new Browser();
      const ref = 'Betaling af husleje';
      const pushed = await push(op, sgConfig, {
        scope: 'openid mitid',
        authorization_details: details(),
        signtext_base64: b64(DA_TEXT),
        signtext_type: 'text',
        idp_params: JSON.stringify({ mitid: { reference_text: b64(ref) } }),
      });
      const { box, waiting, tx } = await toTheApp(op, browser, pushed.url);
      // The box shows what is approved, first; the app gets exactly that text, an approval, with the PIN.
      assert.match(waiting, /Du godkender:/);
      assert.ok(waiting.includes(DA_TEXT.replace('Overfør', 'Overfør')), 'the box shows the text');
      assert.ok(waiting.includes(ref), 'and the reference text beside it');
      assert.equal(tx.text, DA_TEXT);
      assert.equal(tx.action, 'approve');
      assert.equal(tx.requiresPin, true);
      const tokens = await tokensOf(sgConfig, await approve(op, browser, box, tx), pushed.p);

      assert.deepEqual(tokens.authorization_details, [TRANSFER]);
      const jwt = String(tokens.transaction_token);
      const jwks = await jwksOf(op, '/op', '/.well-known/openid-configuration/jwks');
      const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
        issuer: `${op.base}/op`,
        audience: sg.id,
      });
      assert.equal(protectedHeader.typ, 'JWT');
      assert.equal(protectedHeader.alg, 'RS256');
      assert.ok(
        jwks.keys.some((k) => k.kid === protectedHeader.kid),
        'signed by a key of the JWKS',
      );
      const idToken = tokens.claims();
      assert.equal(payload.sub, idToken?.sub, 'the ID token’s pairwise sub');
      assert.equal(payload.exp, undefined, 'a record: no exp');
      assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        { ...payload, iat: 0, jti: '', auth_time: 0 },
        {
          iss: `${op.base}/op`,
          aud: sg.id,
          sub: idToken?.sub,
          iat: 0,
          jti: '',
          spec_ver: '0.9',
          transaction_actions: ['mitid.transaction_signing'],
          'mitid.transaction_id': tx.id,
          'mitid.transaction_text': DA_TEXT,
          'mitid.transaction_text_sha256': sha256(DA_TEXT),
          'mitid.transaction_text_type': 'text',
          'mitid.reference_text': ref,
          action: 'APPROVE',
          acr: 'https://data.gov.dk/concept/core/nsis/Substantial',
          loa: 'https://data.gov.dk/concept/core/nsis/Substantial',
          amr: 'code_app',
          auth_time: 0,
          authorization_details: [TRANSFER],
        },
      );
      assert.equal(payload.auth_time, idToken?.auth_time);
      assert.equal(idToken?.transaction_id, tx.id);

      // Offline, as a bank's auditor would: the saved JWKS, the token in a file.
      const jwksFile = path.join(dir, 'jwks.json');
      const tokenFile = path.join(dir, 'token.jwt');
      writeFileSync(jwksFile, JSON.stringify(jwks));
      writeFileSync(tokenFile, jwt);
      const run = spawnSync(
        process.execPath,
        [cli, tokenFile, '--jwks', jwksFile, '--issuer', `${op.base}/op`, '--audience', sg.id],
        { encoding: 'utf8' },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout)['mitid.transaction_text'], DA_TEXT);
      const wrongAudience = spawnSync(
        process.execPath,
        [cli, tokenFile, '--jwks', jwksFile, '--audience', 'x'],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(wrongAudience.status, 1);
      assert.match(wrongAudience.stderr, /claim aud/);
    });

    test('Idura: the English rendering, signing, ES256 as the client’s ID tokens; a sign text is not Idura’s', async () => {
      const browser = new Browser();
      const pushed = await push(op, iduraConfig, {
        authorization_details: details(),
        ui_locales: 'en',
        login_hint: 'action:sign',
      });
      const { box, waiting, tx } = await toTheApp(op, browser, pushed.url);
      assert.match(waiting, /You are signing:/);
      assert.equal(tx.text, EN_TEXT);
      assert.equal(tx.action, 'sign');
      assert.equal(tx.requiresPin, true, 'signing a transaction needs the PIN too');
      const tokens = await tokensOf(iduraConfig, await approve(op, browser, box, tx), pushed.p);
      const jwt = String(tokens.transaction_token);
      assert.equal(decodeProtectedHeader(jwt).alg, 'ES256');
      const { payload } = await jwtVerify(
        jwt,
        createLocalJWKSet(await jwksOf(op, '/idura', '/.well-known/jwks')),
        {
          issuer: `${op.base}/idura`,
          audience: idura.id,
        },
      );
      assert.equal(payload['mitid.transaction_text'], EN_TEXT);
      assert.equal(payload.action, 'sign');
      assert.equal(payload.acr, 'urn:grn:authn:dk:mitid:substantial');
      assert.equal(payload.loa, 'https://data.gov.dk/concept/core/nsis/Substantial');
      assert.deepEqual(tokens.authorization_details, [TRANSFER]);
      // Idura's dialect has no sign text: the parameter is not one of its own, so it is dropped.
      const alone = await push(op, iduraConfig, { signtext_base64: b64('x'), signtext_type: 'text' });
      const r = await new Browser().follow(alone.url);
      assert.ok('page' in r && r.page.status === 200, 'an ordinary login box');
      assert.doesNotMatch(await r.page.text(), /You are approving|Du godkender/);
    });

    test('a sign text alone is the text; a login without a transaction has no transaction token', async () => {
      const browser = new Browser();
      const text = 'Jeg accepterer lånevilkårene af 1. december';
      const pushed = await push(op, sgConfig, { signtext_base64: b64(text), signtext_type: 'text' });
      const { box, tx } = await toTheApp(op, browser, pushed.url);
      assert.equal(tx.text, text);
      const tokens = await tokensOf(sgConfig, await approve(op, browser, box, tx), pushed.p);
      assert.equal(tokens.authorization_details, undefined);
      const { payload } = await jwtVerify(
        String(tokens.transaction_token),
        createLocalJWKSet(await jwksOf(op, '/op', '/.well-known/openid-configuration/jwks')),
      );
      assert.equal(payload['mitid.transaction_text'], text);
      assert.equal(payload.authorization_details, undefined);
      assert.equal(payload['mitid.reference_text'], undefined);

      // The same session, a plain login: SSO, no new approval, and no transaction token.
      const plain = await authParams(op, { simulation: '', prompt: 'none' });
      const callback = await browser.callback(client.buildAuthorizationUrl(sgConfig, plain.params));
      const again = await tokensOf(sgConfig, callback, plain);
      assert.equal(again.transaction_token, undefined);
      assert.equal(again.authorization_details, undefined);
      assert.equal(again.claims()?.transaction_id, tx.id, 'the session’s login');
      // Naming the transaction resource does not make a login a transaction's.
      const named = await authParams(op, { simulation: '', prompt: 'none', resource: TRANSACTION_RESOURCE });
      const refused = await browser.follow(client.buildAuthorizationUrl(sgConfig, named.params));
      assert.ok('url' in refused, 'back at the service');
      assert.equal(refused.url.searchParams.get('error'), 'invalid_target');
      assert.equal(refused.url.searchParams.get('code'), null, 'no code');
      // A second sign text in this session: the box and the app again, never the session.
      const next = await push(op, sgConfig, {
        signtext_base64: b64('Jeg accepterer igen'),
        signtext_type: 'text',
      });
      const two = await toTheApp(op, browser, next.url);
      assert.equal(two.tx.text, 'Jeg accepterer igen');
      assert.notEqual(two.tx.id, tx.id);
      assert.equal((await op.device.decide(two.tx, 'reject')).statusCode, 200);
    });

    test('a session never approves a transaction: a second transfer in the same browser is prompted anew', async () => {
      const browser = new Browser();
      const first = await push(op, sgConfig, { authorization_details: details() });
      const one = await toTheApp(op, browser, first.url);
      await tokensOf(sgConfig, await approve(op, browser, one.box, one.tx), first.p);
      // The session is live (a plain prompt=none login gets a code) …
      const plain = await authParams(op, { simulation: '', prompt: 'none' });
      assert.ok(
        (await browser.callback(client.buildAuthorizationUrl(sgConfig, plain.params))).searchParams.get(
          'code',
        ),
      );
      // … yet the next transfer goes to the box and needs a new approval in the app.
      const other = { ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '20.00' } };
      const second = await push(op, sgConfig, { authorization_details: details(other) });
      const two = await toTheApp(op, browser, second.url);
      assert.notEqual(two.tx.id, one.tx.id);
      assert.match(two.tx.text, /^Overfør 20,00 kr\./);
      const tokens = await tokensOf(sgConfig, await approve(op, browser, two.box, two.tx), second.p);
      const { payload } = await jwtVerify(
        String(tokens.transaction_token),
        createLocalJWKSet(await jwksOf(op, '/op', '/.well-known/openid-configuration/jwks')),
      );
      assert.equal(payload['mitid.transaction_id'], two.tx.id);
      // prompt=none with a transaction: no session may approve it.
      const silent = await push(op, sgConfig, { authorization_details: details(), prompt: 'none' });
      const r = await browser.follow(silent.url);
      assert.ok('url' in r, 'back at the service');
      assert.equal(r.url.searchParams.get('error'), 'login_required');
      assert.equal(r.url.searchParams.get('code'), null);
    });

    test('the approval needs the PIN: an app approval without it changes nothing', async () => {
      const browser = new Browser();
      const pushed = await push(op, sgConfig, { authorization_details: details() });
      const { box, tx } = await toTheApp(op, browser, pushed.url);
      const noPin = await op.device.decide(tx, 'approve', { withPin: false });
      assert.notEqual(noPin.statusCode, 200, 'refused without the PIN');
      const status = await (await browser.fetch(new URL(`${box.pathname}/status`, box))).json();
      assert.equal(status.status, 'pending');
      // With the PIN it is approved: the same request, still open.
      const tokens = await tokensOf(sgConfig, await approve(op, browser, box, tx), pushed.p);
      assert.ok(tokens.transaction_token);
    });

    test('refused: at authorize without PAR, a bad transfer, a sign text that differs or is too long', async () => {
      // At the authorization endpoint directly: invalid_request (Signaturgruppen's error page, Idura's redirect).
      const direct = await authParams(op, { simulation: '', authorization_details: details() });
      const page = await new Browser().follow(client.buildAuthorizationUrl(sgConfig, direct.params));
      assert.ok('page' in page);
      const body = await page.page.text();
      assert.match(body, /invalid_request/);
      assert.match(body, /only in a pushed authorization request/);
      const signDirect = await authParams(op, {
        simulation: '',
        signtext_base64: b64('x'),
        signtext_type: 'text',
      });
      const page2 = await new Browser().follow(client.buildAuthorizationUrl(sgConfig, signDirect.params));
      assert.ok('page' in page2);
      assert.match(
        await page2.page.text(),
        /signtext_base64 is accepted only in a pushed authorization request/,
      );
      const iduraDirect = await authParams(op, { simulation: '', authorization_details: details() });
      const redirected = await new Browser().follow(
        client.buildAuthorizationUrl(iduraConfig, iduraDirect.params),
      );
      assert.ok('url' in redirected);
      assert.equal(redirected.url.searchParams.get('error'), 'invalid_request');

      // A bad transfer at PAR: the library's RAR error, with the rule that failed.
      const bad: [object, RegExp][] = [
        [{ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '1250' } }, /amount must be a string/],
        [{ ...TRANSFER, instructedAmount: { currency: 'DKK', amount: '0.00' } }, /above 0/],
        [{ ...TRANSFER, instructedAmount: { currency: 'EUR', amount: '1.00' } }, /currency must be DKK/],
        [{ ...TRANSFER, creditorAccount: { regNo: '99', accountNo: '1' } }, /regNo must be 4 digits/],
        [{ ...TRANSFER, debtorAccount: { regNo: '1234', accountNo: '12345678901' } }, /1 to 10 digits/],
        [{ ...TRANSFER, ultimateCreditor: 'x' }, /member not allowed: ultimateCreditor/],
        [
          { ...TRANSFER, remittanceInformationUnstructured: 'Husleje \u202Edecember' },
          /formatting character/,
        ],
      ];
      for (const [detail, expected] of bad) {
        const r = await pushRefused(op, sgConfig, { authorization_details: details(detail) });
        assert.equal(r.error, 'invalid_authorization_details', JSON.stringify(detail));
        assert.match(r.description, expected);
      }
      const two = await pushRefused(op, iduraConfig, {
        authorization_details: JSON.stringify([TRANSFER, TRANSFER]),
      });
      assert.match(two.description, /exactly one payment_initiation/);
      const other = await pushRefused(op, sgConfig, {
        authorization_details: JSON.stringify([{ type: 'account_information' }]),
      });
      assert.equal(other.error, 'invalid_authorization_details');

      // The sign text beside the details must be their rendering; alone, at most 130 characters.
      const differs = await pushRefused(op, sgConfig, {
        authorization_details: details(),
        signtext_base64: b64(DA_TEXT.replace('1.250,00', '12.500,00')),
        signtext_type: 'text',
      });
      assert.equal(differs.error, 'invalid_request');
      assert.match(differs.description, /signtext_base64 must be the text of authorization_details/);
      const english = await pushRefused(op, sgConfig, {
        authorization_details: details(),
        signtext_base64: b64(DA_TEXT),
        signtext_type: 'text',
        language: 'en',
      });
      assert.match(english.description, /must be the text/);
      const long = await pushRefused(op, sgConfig, {
        signtext_base64: b64('x'.repeat(131)),
        signtext_type: 'text',
      });
      assert.equal(long.error, 'invalid_request');
      assert.match(long.description, /longer than 130 characters/);
      const html = await pushRefused(op, sgConfig, {
        signtext_base64: b64('<b>x</b>'),
        signtext_type: 'html',
      });
      assert.match(html.description, /html is not offered/);
      // Nothing reached any app.
      assert.deepEqual(await op.device.pending(), []);
    });
  });
}
