/**
 * The README's Playwright sample of "Testing a service end to end", run as written against
 * `npm start`: a small service (openid-client, its own origin) sends Chromium to the login box;
 * the test types the user-ID, reads the typed code, lets `npm run app -- approve --code …` approve
 * it, and the box moves on by itself back to the service, logged in; then the same person by
 * `simulation=no-ui uuid:<uuid>`, without UI.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as client from 'openid-client';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { freePort, type RunningSystem, startSystem } from '../support/system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'service-playwright-'));
const stateDir = path.join(work, '.mitid-app');
const SECRET = 'shop-tests-secret-at-least-32-characters';
let system: RunningSystem;
let service: Server;
let serviceUrl: string;
let browser: Browser;

const npmEnv = () => ({
  ...process.env,
  ...system.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
});

/** The service under test: /login sends the browser to MitID; /auth/callback finishes the login. */
async function startService(port: number): Promise<Server> {
  const redirect_uri = `http://127.0.0.1:${port}/auth/callback`;
  const config = await client.discovery(
    new URL(`${system.mitidUrl}/op`),
    'shop-tests',
    {},
    client.ClientSecretBasic(SECRET),
    { execute: [client.allowInsecureRequests] },
  );
  const pending = new Map<string, string>(); // state → PKCE verifier
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/login') {
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        pending.set(state, verifier);
        const simulate = url.searchParams.get('simulate');
        const to = client.buildAuthorizationUrl(config, {
          redirect_uri,
          scope: 'openid mitid',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          ...(simulate ? { simulation: `no-ui uuid:${simulate}` } : {}),
        });
        res.writeHead(303, { location: to.href }).end();
      } else if (url.pathname === '/auth/callback') {
        const state = url.searchParams.get('state') ?? '';
        const tokens = await client.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: pending.get(state) ?? '',
          expectedState: state,
        });
        const info = await client.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Shop</title><p id="who">Logged in: ${String(info['mitid.uuid'])}</p>`);
      } else {
        res.writeHead(404).end();
      }
    })().catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

before(async () => {
  const port = await freePort();
  serviceUrl = `http://127.0.0.1:${port}`;
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
        redirect_uris: [`${serviceUrl}/auth/callback`],
      },
    ]),
  );
  system = await startSystem({ CLIENTS_FILE: clientsFile, OIDC_SIMULATION: 'on' });
  service = await startService(port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (service ? service.close(resolve) : resolve(undefined)));
  const code = await system?.stop();
  rmSync(work, { recursive: true, force: true });
  assert.equal(code, 0, `npm start did not stop cleanly:\n${system?.output()}`);
});

test("the README's Playwright sample: the box, the typed code, npm run app -- approve; then the simulation", async () => {
  const made = spawnSync(
    'npm',
    [
      'run',
      '--silent',
      'people',
      '--',
      'create',
      '--name',
      'Test Person',
      '--with-app',
      '--pin',
      '123456',
      '--state',
      stateDir,
    ],
    { cwd: root, env: npmEnv(), encoding: 'utf8' },
  );
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const userId = /MitID user-ID (\S+) \(active\)/.exec(made.stdout)?.[1] ?? '';
  const uuid = /MitID uuid {4}(\S+)/.exec(made.stdout)?.[1] ?? '';
  assert.ok(userId && uuid, made.stdout);

  const page = await browser.newPage();
  // As in the README, with the service's URL.
  await page.goto(`${serviceUrl}/login`);
  await page.getByLabel('Bruger-ID').fill(userId);
  await page.getByRole('button', { name: 'FORTSÆT' }).click();
  const code = (await page.locator('#login-box-typed').textContent())?.replace(/\s/g, '') ?? '';
  assert.match(code, /^\d{6}$/);
  execFileSync(
    'npm',
    ['run', 'app', '--', 'approve', '--code', code, '--pin', '123456', '--state', stateDir],
    {
      cwd: root,
      env: npmEnv(),
      stdio: 'pipe',
    },
  );
  await page.waitForURL(`${serviceUrl}/**`);
  assert.equal(await page.locator('#who').textContent(), `Logged in: ${uuid}`);

  // The simulation: straight back, the same person.
  const other = await browser.newPage();
  await other.goto(`${serviceUrl}/login?simulate=${uuid}`);
  await other.waitForURL(`${serviceUrl}/auth/callback**`);
  assert.equal(await other.locator('#who').textContent(), `Logged in: ${uuid}`);
});
