/**
 * Complete app logins with PIN through the OpenID Connect interface (issue 9), against the real
 * MitID service, as fast as it answers, beside the bare-OIDC reference (the floor):
 *   the service runs as its own process on a fresh data folder, on SQLite or on a fresh PostgreSQL
 *   database dropped afterwards, with a CLIENTS_FILE holding one bench client (Signaturgruppen's
 *   dialect, client_secret_basic, redirect URI http://127.0.0.1:4199/cb: nothing listens there,
 *   the browser stops at the redirect as the floor's does);
 *   people with activated apps (as bench/approvals.ts makes them);
 *   for a fixed time, `--concurrency` workers each run logins one after the other, each a fresh
 *   browser (empty cookie jar) from its own loopback address:
 *     authorize (PKCE S256, state, nonce, idp_params: a reference text and loa_value high, which
 *     makes the app ask for the PIN) → the box's user-ID page → the user-ID → the waiting page,
 *     whose typed code is read as a person reads it → the device: the channel call with the code,
 *     the pending list, the OPAQUE PIN login, the signed decision → the box: one long-poll of the
 *     status (as the box's script) and `done` → the redirects to the callback → the token
 *     (client_secret_basic) → userinfo; the ID token's nonce, aud and iss and userinfo's person
 *     are checked;
 *   the server's CPU time and SQL statements are read from its /metrics before and after;
 *   then, when the service has stopped (never at the same time: the machine's cores are shared),
 *   the floor, ../shared/bench/oidc-floor/run.sh, with CONC = --concurrency and DURATION = --seconds.
 * The box slows a user-ID's 6th start in 15 minutes by 3 s (decision 0012 §3): each person logs in
 * at most 5 times in a run, so --people (default 40 per worker) bounds the logins a run can make.
 *
 * Run: npm run bench -- logins [--db sqlite|postgres] [--seconds 10] [--concurrency 16]
 *        [--people <n>] [--warmup 2] [--log-level info] [--cpu-prof <dir>] [--server-root <dir>] [--no-floor]
 *   --cpu-prof writes the service's V8 CPU profile into <dir> when it stops (bench/tools/cpuProfile.ts);
 *   --server-root runs the service from another checkout of this repository (as approvals does);
 *   --no-floor skips the floor (floor_per_s=NaN); BENCH_FLOOR_SCRIPT names run.sh elsewhere.
 * The last line:
 *   logins: per_s=… p50_ms=… p99_ms=… server_cpu_ms=… floor_per_s=… floor_ratio=… db=…
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  addressOf,
  approveOnDevice,
  type BenchDevice,
  Browser,
  benchFlags,
  Client,
  expect,
  fail,
  type MitidUnderTest,
  peopleWithApps,
  positive,
  quantile,
  root,
  type Snapshot,
  signedHeaders,
  snapshot,
  startMitid,
} from './tools/mitidBench.ts';

const { flags, dbKind, seconds, concurrency, warmupSeconds, logLevel, serverRoot, cpuProfDir } = benchFlags({
  people: { type: 'string' },
  'no-floor': { type: 'boolean', default: false },
});
const peopleCount = positive(
  'people',
  (flags.people as string | undefined) ?? String(40 * concurrency),
  20000,
);
if (peopleCount < concurrency)
  fail('--people must be at least --concurrency (a person logs in once at a time)');

const CLIENT_ID = 'bench-logins';
const CLIENT_NAME = 'Benchmark Shop';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:4199/cb';
const BASIC = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
const REFERENCE_TEXT = 'Log på Benchmark Shop';
/** What makes the app ask for the PIN: level high (requiresUserVerification). */
const IDP_PARAMS = JSON.stringify({
  mitid: { loa_value: 'high', reference_text: Buffer.from(REFERENCE_TEXT, 'utf8').toString('base64') },
});
/** The box's user-ID starts a person may make before the 6th is slowed (guessing.ts). */
const STARTS_PER_PERSON = 5;

let port = 0;
/** The provider's discovery: the issuer and the endpoints' paths. */
let issuer = '';
let authorizePath = '';
let tokenPath = '';
let userinfoPath = '';

const b64u = (b: Buffer): string => b.toString('base64url');
const csrfOf = (page: string, what: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`${what}: the page has no CSRF token`);
  return token;
};
const pathOf = (u: string): string => {
  const url = new URL(u);
  return url.pathname + url.search;
};

// ---------------------------------------------------------------- one login

async function login(d: BenchDevice, browser: Browser, phone: Client): Promise<void> {
  const verifier = b64u(randomBytes(32));
  const state = b64u(randomBytes(12));
  const nonce = b64u(randomBytes(12));
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid mitid',
    code_challenge: b64u(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    nonce,
    idp_params: IDP_PARAMS,
  });

  // The browser: authorize → the box's user-ID page.
  const first = await browser.follow('GET', `${authorizePath}?${query}`);
  if (!('page' in first)) throw new Error(`authorize left the service: ${first.left.href.slice(0, 200)}`);
  expect(first.page, 200, 'the box');
  const box = first.path.split('?')[0] ?? '';
  if (!/\/op\/login\/[A-Za-z0-9_-]+$/.test(box)) throw new Error(`authorize ended at ${box}, not the box`);

  // The user-ID → the waiting page, its typed code read as a person reads it.
  const waiting = await browser.follow('POST', box, {
    _csrf: csrfOf(first.page.text, 'the user-ID page'),
    userId: d.userId,
  });
  if (!('page' in waiting)) throw new Error('the user-ID left the service');
  expect(waiting.page, 200, 'the waiting page');
  const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting.page.text)?.[1]?.replace(/\s/g, '');
  if (!code || !/^\d{6}$/.test(code)) throw new Error('the waiting page shows no typed code');
  if (!waiting.page.text.includes(REFERENCE_TEXT))
    throw new Error('the waiting page lacks the reference text');

  // The device: the typed code over its signed channel call, then the approval with the PIN.
  const channel = `/api/app/v1/devices/${d.deviceId}/channel`;
  const channelBody = JSON.stringify({ code });
  const proved = expect(
    await phone.call('POST', channel, channelBody, signedHeaders(d, 'POST', channel, channelBody)),
    200,
    'channel',
  );
  const tx = await approveOnDevice(d, phone, String(proved.transactionId), 'required');
  if (tx.serviceName !== CLIENT_NAME) throw new Error(`the app shows the service ${tx.serviceName}`);
  if (tx.text !== REFERENCE_TEXT) throw new Error(`the app shows the text ${tx.text}`);

  // The box: its script's long-poll sees the approval and posts done → the callback.
  const status = await browser.request('GET', `${box}/status?since=pending&wait=25`);
  if (expect(status, 200, 'status').status !== 'approved')
    throw new Error(`the box's status is ${status.text.slice(0, 100)}`);
  const done = await browser.follow('POST', `${box}/done`, {
    _csrf: csrfOf(waiting.page.text, 'the waiting page'),
  });
  if (!('left' in done)) throw new Error(`done: HTTP ${done.page.status} ${done.page.text.slice(0, 200)}`);
  const cb = done.left;
  if (!cb.href.startsWith(`${REDIRECT_URI}?`)) throw new Error(`done went to ${cb.origin}${cb.pathname}`);
  if (cb.searchParams.get('error'))
    throw new Error(
      `authorization error ${cb.searchParams.get('error')}: ${cb.searchParams.get('error_description')}`,
    );
  if (cb.searchParams.get('state') !== state) throw new Error('state mismatch');
  const authCode = cb.searchParams.get('code');
  if (!authCode) throw new Error('no code');

  // The service: the token (client_secret_basic), the ID token's claims, userinfo.
  const service = new Client(port, addressOf(250, serviceCalls++));
  try {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: authCode,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).toString();
    const tokens = expect(
      await service.call('POST', tokenPath, form, {
        authorization: BASIC,
        'content-type': 'application/x-www-form-urlencoded',
      }),
      200,
      'token',
    );
    const [, payload = '', signature] = String(tokens.id_token ?? '').split('.');
    if (!signature) throw new Error('the ID token has no signature');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.nonce !== nonce || claims.aud !== CLIENT_ID || claims.iss !== issuer)
      throw new Error(`the ID token's claims: ${JSON.stringify(claims).slice(0, 300)}`);
    const info = expect(
      await service.call('GET', userinfoPath, undefined, {
        authorization: `Bearer ${String(tokens.access_token)}`,
      }),
      200,
      'userinfo',
    );
    if (info['mitid.uuid'] !== d.identityId || typeof info['mitid.identity_name'] !== 'string')
      throw new Error(`userinfo names ${JSON.stringify(info).slice(0, 200)}`);
    if (info['mitid.transaction_id'] !== tx.id) throw new Error('userinfo names another authentication');
  } finally {
    service.close();
  }
}

let serviceCalls = 0;

// ---------------------------------------------------------------- the run

interface RunResult {
  latencies: number[];
  errors: string[];
}

/** Starts per person so far (warm-up included): none may pass STARTS_PER_PERSON. */
const starts = new Map<string, number>();
let browsers = 0;

async function runFor(devices: BenchDevice[], ms: number): Promise<RunResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const end = performance.now() + ms;
  const worker = async (w: number): Promise<void> => {
    // Worker w takes its turns with people w, w + concurrency, …: no two workers share a person.
    const mine = devices.filter((_, i) => i % concurrency === w);
    let n = 0;
    while (performance.now() < end) {
      const device = mine[n++ % mine.length] as BenchDevice;
      const used = starts.get(device.deviceId) ?? 0;
      if (used >= STARTS_PER_PERSON) {
        errors.push(
          `every person has logged in ${STARTS_PER_PERSON} times (the box slows the next start): give more --people`,
        );
        return;
      }
      starts.set(device.deviceId, used + 1);
      const b = browsers++;
      const browser = new Browser(port, addressOf(1 + w, b));
      const phone = new Client(port, addressOf(100 + w, b));
      const t0 = performance.now();
      try {
        await login(device, browser, phone);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors.push((err as Error).message);
        if (errors.length > 20) return;
      } finally {
        browser.close();
        phone.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { latencies, errors };
}

/** The bare-OIDC reference: its flows per second, NaN when it is absent or fails. */
async function floor(): Promise<number> {
  // BENCH_FLOOR_SCRIPT: another place of it (from a git worktree the shared folder is elsewhere).
  const script = path.resolve(
    process.env.BENCH_FLOOR_SCRIPT ?? path.resolve(root, '../shared/bench/oidc-floor/run.sh'),
  );
  if (!existsSync(script)) {
    console.log(`floor: ${script} is absent`);
    return Number.NaN;
  }
  const child = spawn('bash', [script], {
    env: { ...process.env, CONC: String(concurrency), DURATION: String(seconds) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += String(d);
  });
  child.stderr.on('data', (d) => {
    err += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = out.trim().split('\n');
  for (const line of lines)
    if (line.startsWith('cpu:') || line.startsWith('floor:')) console.log(`floor run: ${line}`);
  const last = lines.at(-1) ?? '';
  const m = /^floor: flows\/s=([0-9.]+)/.exec(last);
  if (code !== 0 || !m) {
    console.log(`floor: run.sh failed (exit ${code}): ${(err || last).trim().slice(-300)}`);
    return Number.NaN;
  }
  return Number(m[1]);
}

let mitid: MitidUnderTest | undefined;
let failed = false;
let result = { perS: Number.NaN, p50: Number.NaN, p99: Number.NaN, cpuMs: Number.NaN };
const clientsDir = mkdtempSync(path.join(tmpdir(), 'mitid-bench-logins-clients-'));
try {
  const clientsFile = path.join(clientsDir, 'clients.json');
  writeFileSync(
    clientsFile,
    JSON.stringify([
      {
        client_id: CLIENT_ID,
        client_name: CLIENT_NAME,
        dialect: 'signaturgruppen',
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ]),
  );
  mitid = await startMitid({
    dbKind,
    name: 'logins',
    logLevel,
    cpuProfDir,
    serverRoot,
    env: { CLIENTS_FILE: clientsFile },
  });
  port = mitid.port;
  const discovery = new Client(port, '127.0.0.1');
  try {
    const d = expect(await discovery.call('GET', '/op/.well-known/openid-configuration'), 200, 'discovery');
    issuer = String(d.issuer);
    authorizePath = pathOf(String(d.authorization_endpoint));
    tokenPath = pathOf(String(d.token_endpoint));
    userinfoPath = pathOf(String(d.userinfo_endpoint));
  } finally {
    discovery.close();
  }
  const devices = await peopleWithApps(mitid, peopleCount);

  console.log(
    `MitID service on ${dbKind}, ${devices.length} people with apps activated through the app protocol`,
  );
  console.log(
    `${concurrency} concurrent workers, complete app logins through ${issuer} for ${seconds} s after ${warmupSeconds} s warm-up` +
      ` (LOG_LEVEL=${flags['log-level']})`,
  );
  console.log(
    'each login: a fresh browser from its own address, idp_params loa_value=high (the app checks the PIN),' +
      ' the typed code, the OPAQUE PIN, the signed decision, token (client_secret_basic), userinfo',
  );
  if (warmupSeconds > 0) {
    const warm = await runFor(devices, warmupSeconds * 1000);
    if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors[0]}`);
  }
  const before: Snapshot = await snapshot(port);
  const ownBefore = process.cpuUsage();
  const t0 = performance.now();
  const run = await runFor(devices, seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(ownBefore);
  const after = await snapshot(port);

  const n = run.latencies.length;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const statements = n > 0 ? (after.statements - before.statements) / n : Number.NaN;
  result = {
    perS: n / elapsed,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    cpuMs: n > 0 ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / n : Number.NaN,
  };
  console.log(`logins: ${n} in ${elapsed.toFixed(1)} s, errors: ${run.errors.length}`);
  if (run.errors.length > 0) console.log(`  first error: ${run.errors[0]}`);
  console.log(
    `server per login: cpu ${result.cpuMs.toFixed(2)} ms, statements ${statements.toFixed(1)};` +
      ` this process (browsers, devices, service) per login: cpu ${n > 0 ? ((own.user + own.system) / 1000 / n).toFixed(2) : 'NaN'} ms` +
      ` (the server ran ${(((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100).toFixed(0)}% of a core)`,
  );
  if (run.errors.length > 0) failed = true;
} catch (err) {
  console.error(`bench failed: ${(err as Error).message}`);
  failed = true;
} finally {
  await mitid?.stop();
  rmSync(clientsDir, { recursive: true, force: true });
}

// The floor after the service has stopped: the two never share the cores.
const floorPerS = flags['no-floor'] ? Number.NaN : await floor();
console.log(
  `logins: per_s=${result.perS.toFixed(1)} p50_ms=${result.p50.toFixed(1)} p99_ms=${result.p99.toFixed(1)}` +
    ` server_cpu_ms=${result.cpuMs.toFixed(2)} floor_per_s=${floorPerS.toFixed(1)}` +
    ` floor_ratio=${(result.perS / floorPerS).toFixed(2)} db=${dbKind}`,
);
if (failed) process.exitCode = 1;
