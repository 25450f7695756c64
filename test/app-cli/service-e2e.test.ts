/**
 * The README's "Testing a service end to end", run as written (issue 9 item 5): the system started
 * with `npm start`, a test client from a clients file and `OIDC_SIMULATION=on`; a test person made
 * with `npm run people -- create --with-app`; one login through the real box approved with
 * `npm run app -- approve --code …` (the code read from the box's page), one by the simulation
 * (`simulation=no-ui uuid:<uuid>`); openid-client is the service. Both logins give the same person
 * the same `sub` and the same claim names.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as client from 'openid-client';
import { type RunningSystem, startSystem } from '../support/system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'service-e2e-'));
const stateDir = path.join(work, '.mitid-app');
const redirect_uri = 'http://127.0.0.1:4199/auth/callback';
const SECRET = 'shop-tests-secret-at-least-32-characters';
let system: RunningSystem;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- <args>` in the checkout, with the system's settings (as the README's shell). */
function npmRun(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: root,
      env: {
        ...process.env,
        ...system.env,
        // npm runs the scripts with the `node` it finds first: this test's (Node 24).
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// The README's helper: follows the redirects with a cookie jar until the service's callback (or a page).
async function follow(
  start: string,
  jar: Map<string, string>,
  init: RequestInit = {},
): Promise<{ callback: URL } | { page: Response }> {
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    init = {};
    for (const c of res.headers.getSetCookie()) {
      const [kv = ''] = c.split(';');
      jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
    }
    const location = res.headers.get('location');
    if (!location) return { page: res };
    await res.body?.cancel();
    const next = new URL(location, url);
    if (next.href.startsWith(redirect_uri)) return { callback: next };
    url = next.href;
  }
  throw new Error('too many redirects');
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

before(async () => {
  const clientsFile = path.join(work, 'clients.json');
  writeFileSync(
    clientsFile,
    JSON.stringify([
      {
        client_id: 'shop-tests',
        client_name: 'Shop (tests)',
        dialect: 'signaturgruppen',
        client_secret: SECRET,
        test_client: true,
        redirect_uris: [redirect_uri],
      },
    ]),
  );
  system = await startSystem({ CLIENTS_FILE: clientsFile, OIDC_SIMULATION: 'on' });
});

after(async () => {
  const code = await system?.stop();
  rmSync(work, { recursive: true, force: true });
  assert.equal(code, 0, `npm start did not stop cleanly:\n${system?.output()}`);
});

describe("a service's end-to-end test without a phone, as the README shows it", () => {
  let person: { userId: string; uuid: string };
  let config: client.Configuration;
  const subs: string[] = [];
  const claimNames: string[][] = [];

  const start = async (extra: Record<string, string> = {}) => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri,
      scope: 'openid mitid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    });
    return { url, verifier, state };
  };

  const tokensAt = async (callback: URL, l: { verifier: string; state: string }) => {
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: l.verifier,
      expectedState: l.state,
    });
    const claims = tokens.claims();
    assert.ok(claims);
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(info['mitid.uuid'], person.uuid);
    subs.push(claims.sub);
    claimNames.push([...Object.keys(claims), ...Object.keys(info)].sort());
  };

  test('npm run people -- create --with-app: the person, their uuid, the app', async () => {
    const r = await npmRun('people', [
      'create',
      '--name',
      'Test Person',
      '--with-app',
      '--pin',
      '123456',
      '--state',
      stateDir,
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const userId = /MitID user-ID (\S+) \(active\)/.exec(r.stdout)?.[1];
    const uuid = /MitID uuid {4}(\S+)/.exec(r.stdout)?.[1];
    assert.ok(userId && uuid, r.stdout);
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a MitID uuid');
    person = { userId, uuid };
    config = await client.discovery(
      new URL(`${system.mitidUrl}/op`),
      'shop-tests',
      {},
      client.ClientSecretBasic(SECRET),
      { execute: [client.allowInsecureRequests] },
    );
  });

  test('the box, the typed code read from it, npm run app -- approve --code: the tokens', async () => {
    const l = await start();
    const jar = new Map<string, string>();
    const box = await follow(l.url.href, jar);
    assert.ok('page' in box, 'the browser is at the box');
    const boxUrl = box.page.url;
    const first = await box.page.text();
    assert.match(first, /Log på hos Shop \(tests\)/);
    // Playwright: page.getByLabel('Bruger-ID').fill(userId); getByRole('button', { name: 'FORTSÆT' }).click()
    assert.match(first, /<label[^>]*>\s*Bruger-ID/);
    assert.match(first, />\s*FORTSÆT\s*</);
    const posted = await follow(boxUrl, jar, form({ _csrf: csrfOf(first), userId: person.userId }));
    assert.ok('page' in posted, 'back at the box: the waiting step');
    const waiting = await posted.page.text();
    // Playwright: page.locator('#login-box-typed').textContent()
    const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting)?.[1]?.replace(/\s/g, '');
    assert.ok(code && /^\d{6}$/.test(code), 'the box shows the typed code');

    const approved = await npmRun('app', ['approve', '--code', code, '--pin', '123456', '--state', stateDir]);
    assert.equal(approved.code, 0, approved.stderr + approved.stdout);
    assert.match(approved.stdout, /Shop \(tests\) asks you to login/);

    // The box's script posts done by itself; without it, "Fortsæt til Shop (tests)" does.
    const page = await follow(boxUrl, jar);
    assert.ok('page' in page);
    const end = await follow(
      new URL(`${new URL(boxUrl).pathname}/done`, boxUrl).href,
      jar,
      form({ _csrf: csrfOf(await page.page.text()) }),
    );
    assert.ok('callback' in end, 'back at the service');
    await tokensAt(end.callback, l);
  });

  test('simulation=no-ui uuid:<uuid>: straight back with a code, the same person and claims', async () => {
    const l = await start({ simulation: `no-ui uuid:${person.uuid}` });
    const end = await follow(l.url.href, new Map());
    assert.ok(
      'callback' in end,
      `no UI: straight to the callback (${'page' in end ? `${end.page.status} ${end.page.url} ${await end.page.text()}` : ''})`,
    );
    await tokensAt(end.callback, l);
    assert.equal(subs.length, 2);
    assert.equal(subs[1], subs[0], 'the same sub for the same person at the same client');
    assert.deepEqual(claimNames[1], claimNames[0], 'the same claim names as the real login');
  });
});
