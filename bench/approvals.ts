/**
 * Complete app approvals with PIN against the real MitID service, as fast as it answers:
 *   the service runs as its own process (src/roots/mitid/main.ts) on a fresh data folder, on SQLite or
 *   on a fresh PostgreSQL database that is dropped afterwards;
 *   people and their activation codes are made with the service's own stores (as the net bank's
 *   enrollment leaves them), then each device activates through the app protocol;
 *   for a fixed time, `--concurrency` workers each run approvals one after the other: the service
 *   creates the transaction (POST /api/transactions), the device lists what is pending, runs the
 *   OPAQUE PIN login (/pin), signs and sends the decision;
 *   the server's CPU time and SQL statements are read from its /metrics before and after.
 * Each approval comes from its own loopback address (127.x.y.z), as approvals come from many
 * phones: the per-address rate limits stay on and are not what is measured.
 * The devices use a cheap OPAQUE key stretching (Argon2id, 1 iteration, 1 MiB): that work is the
 * device's, never the server's.
 *
 * Run: npm run bench -- approvals [--db sqlite|postgres] [--seconds 10] [--concurrency 16] [--devices 16]
 *   --devices (at least --concurrency, default the same) spreads the approvals over more devices:
 *   a device's signed calls of the last minute are counted on each of its calls (its budget), and
 *   16 devices approving back to back count hundreds each, where a phone counts a few.
 *        [--warmup 2] [--log-level info] [--cpu-prof <dir>] [--server-root <dir>]
 *   --cpu-prof writes the service's V8 CPU profile (its whole life: setup, warm-up and run) into
 *   <dir> when it stops; `node bench/tools/cpuProfile.ts <file>` summarises it.
 *   --memory-every <s> also prints the service's memory every <s> seconds of the run, with the
 *   approvals done by then (to see whether it grows with them).
 *   --server-root runs the service from another checkout of this repository (same schema), e.g.
 *   an older commit unpacked with `git archive`, to compare two versions in one session.
 * The last line: approvals: per_s=… p50_ms=… p99_ms=… server_cpu_ms=… statements=… db=…
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import pg from 'pg';
import { activationCodeSms } from '../src/core/codes/codePolicies.ts';
import { deriveCodeKey, OneTimeCodes } from '../src/core/codes/oneTimeCode.ts';
import type { MitidDb } from '../src/core/db/index.ts';
import { IdentityStore } from '../src/core/identity/IdentityStore.ts';
import { PeopleStore } from '../src/core/people/PeopleStore.ts';
import { nemidReservation } from '../src/flows/nemid/index.ts';
import { pinProof, signApproval } from '../src/kinds/app/client/approvalMessage.ts';
import { type DeviceKey, generateDeviceKey } from '../src/kinds/app/client/deviceKey.ts';
import { shownDigest } from '../src/kinds/app/client/shownDigest.ts';
import { signRequest } from '../src/kinds/app/client/signRequest.ts';
import { systemClock } from '../src/platform/clock.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { KeyStore } from '../src/platform/keys/KeyStore.ts';
import { cryptoRandom } from '../src/platform/random.ts';
import { freePort } from '../test/support/system.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    devices: { type: 'string' },
    warmup: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'info' },
    'cpu-prof': { type: 'string' },
    'server-root': { type: 'string' },
    'memory-every': { type: 'string' },
  },
});
const positive = (name: string, raw: string | undefined, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return n;
};
if (flags.db !== 'sqlite' && flags.db !== 'postgres') {
  console.error('--db must be sqlite or postgres');
  process.exit(2);
}
const dbKind: 'sqlite' | 'postgres' = flags.db;
const seconds = positive('seconds', flags.seconds, 3600);
const concurrency = positive('concurrency', flags.concurrency, 200);
const deviceCount = positive('devices', flags.devices ?? String(concurrency), 5000);
if (deviceCount < concurrency) {
  console.error('--devices must be at least --concurrency (a device approves one at a time)');
  process.exit(2);
}
const serverRoot = path.resolve(flags['server-root'] ?? root);
const cpuProfDir = flags['cpu-prof'] === undefined ? undefined : path.resolve(flags['cpu-prof']);
const memoryEvery = flags['memory-every'] === undefined ? undefined : Number(flags['memory-every']);
if (memoryEvery !== undefined && !(memoryEvery >= 1)) {
  console.error('--memory-every must be a number of seconds, 1 or more');
  process.exit(2);
}
const warmupSeconds = Number(flags.warmup);
if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) {
  console.error('--warmup must be a number of seconds, 0 or more');
  process.exit(2);
}

const PIN = '135790';
const cheapStretching = { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } } as const;

// ---------------------------------------------------------------- HTTP, one loopback address each

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

let port = 0;

/** One client: its own source address and keep-alive connection; close() when done. */
class Client {
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly #address: string;
  constructor(address: string) {
    this.#address = address;
  }
  call(method: string, pathWithQuery: string, body?: string, headers: Record<string, string> = {}) {
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: pathWithQuery,
          agent: this.#agent,
          localAddress: this.#address,
          headers: {
            ...headers,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              parsed = { text };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  close(): void {
    this.#agent.destroy();
  }
}

/** Addresses 127.a.b.c: `a` picks the pool (a worker, the service), `n` walks through it. */
const addressOf = (pool: number, n: number): string =>
  `127.${pool}.${1 + (Math.floor(n / 254) % 254)}.${1 + (n % 254)}`;

const expect = (a: Answer, status: number, what: string): Record<string, unknown> => {
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${JSON.stringify(a.body)}`);
  return a.body;
};

// ---------------------------------------------------------------- the device

interface BenchDevice {
  userId: string;
  deviceId: string;
  key: DeviceKey;
  lastTimestamp: number;
}

function signedHeaders(d: BenchDevice, method: string, p: string, body: string): Record<string, string> {
  // A real device's clock moves; two requests never carry the same millisecond.
  d.lastTimestamp = Math.max(Date.now(), d.lastTimestamp + 1);
  return {
    ...signRequest(d.deviceId, d.key, { method, pathWithQuery: p, timestamp: d.lastTimestamp, body }),
  };
}

async function activate(userId: string, code: string, address: string, n: number): Promise<BenchDevice> {
  const c = new Client(address);
  try {
    const start = expect(
      await c.call('POST', '/api/app/v1/activations', JSON.stringify({ userId, deviceName: `Bench ${n}` })),
      201,
      'activation start',
    );
    const base = `/api/app/v1/activations/${String(start.activationId)}`;
    const coded = expect(
      await c.call('POST', `${base}/activation-code`, JSON.stringify({ code })),
      200,
      'activation code',
    );
    expect(
      await c.call('POST', `${base}/temporary-pin`, JSON.stringify({ temporaryPin: coded.temporaryPin })),
      200,
      'temporary PIN',
    );
    const reg = opaque.client.startRegistration({ password: PIN });
    const answered = expect(
      await c.call('POST', `${base}/pin`, JSON.stringify({ registrationRequest: reg.registrationRequest })),
      200,
      'PIN registration',
    );
    const { registrationRecord } = opaque.client.finishRegistration({
      clientRegistrationState: reg.clientRegistrationState,
      registrationResponse: String(answered.registrationResponse),
      password: PIN,
      keyStretching: cheapStretching,
    });
    const key = generateDeviceKey();
    const done = expect(
      await c.call(
        'POST',
        `${base}/finish`,
        JSON.stringify({ registrationRecord, publicKey: key.publicJwk }),
      ),
      201,
      'finish',
    );
    return { userId, deviceId: String(done.deviceId), key, lastTimestamp: 0 };
  } finally {
    c.close();
  }
}

// ---------------------------------------------------------------- one approval

let serviceAuthorization = '';
let serviceCalls = 0;

async function approve(d: BenchDevice, phone: Client): Promise<void> {
  const service = new Client(addressOf(250, serviceCalls++));
  let transactionId: string;
  try {
    const created = expect(
      await service.call(
        'POST',
        '/api/transactions',
        JSON.stringify({
          userId: d.userId,
          serviceName: 'Benchmark Bank',
          action: 'approve',
          text: 'Overførsel af 100,00 kr. til konto 1234-567890',
          level: 'high',
        }),
        { authorization: serviceAuthorization },
      ),
      201,
      'create transaction',
    );
    transactionId = String(created.transactionId);
  } finally {
    service.close();
  }

  const list = `/api/app/v1/devices/${d.deviceId}/transactions`;
  const pending = expect(
    await phone.call('GET', list, undefined, signedHeaders(d, 'GET', list, '')),
    200,
    'pending',
  );
  const tx = (pending.transactions as Record<string, unknown>[]).find((t) => t.id === transactionId);
  if (!tx) throw new Error('the transaction is not pending for the device');
  const shown = {
    id: String(tx.id),
    serviceName: String(tx.serviceName),
    action: String(tx.action),
    text: String(tx.text),
    level: String(tx.level),
    createdAt: Number(tx.createdAt),
  };
  if (shownDigest(shown) !== tx.digest) throw new Error('digest mismatch');

  const txPath = `${list}/${transactionId}`;
  const login = opaque.client.startLogin({ password: PIN });
  const pinBody = JSON.stringify({ startLoginRequest: login.startLoginRequest });
  const started = expect(
    await phone.call('POST', `${txPath}/pin`, pinBody, signedHeaders(d, 'POST', `${txPath}/pin`, pinBody)),
    200,
    'PIN start',
  );
  const finished = opaque.client.finishLogin({
    clientLoginState: login.clientLoginState,
    loginResponse: String(started.loginResponse),
    password: PIN,
    keyStretching: cheapStretching,
  });
  if (!finished) throw new Error('the PIN did not open the envelope');
  const signature = signApproval(d.key, {
    transactionId,
    digest: String(tx.digest),
    challenge: String(tx.challenge),
    decision: 'approve',
    pinProof: pinProof(finished.sessionKey),
  });
  const decisionBody = JSON.stringify({
    decision: 'approve',
    finishLoginRequest: finished.finishLoginRequest,
    signature,
  });
  const decided = expect(
    await phone.call(
      'POST',
      `${txPath}/decision`,
      decisionBody,
      signedHeaders(d, 'POST', `${txPath}/decision`, decisionBody),
    ),
    200,
    'decision',
  );
  if (decided.status !== 'approved') throw new Error(`decision answered ${JSON.stringify(decided)}`);
}

/** Approvals completed since the start (warm-up included), for --memory-every. */
let approvalsDone = 0;

interface RunResult {
  latencies: number[];
  errors: string[];
}

async function runFor(devices: BenchDevice[], ms: number, onHalf?: () => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const end = started + ms;
  let halfDone = onHalf === undefined;
  const worker = async (w: number): Promise<void> => {
    // Worker w takes its turns with devices w, w + concurrency, …: no two workers share a device.
    const mine = devices.filter((_, i) => i % concurrency === w);
    let n = 0;
    while (performance.now() < end) {
      const device = mine[n % mine.length] as BenchDevice;
      if (!halfDone && performance.now() >= started + ms / 2) {
        halfDone = true;
        await onHalf?.();
      }
      const phone = new Client(addressOf(1 + w, n++));
      const t0 = performance.now();
      try {
        await approve(device, phone);
        latencies.push(performance.now() - t0);
        approvalsDone++;
      } catch (err) {
        errors.push((err as Error).message);
        if (errors.length > 20) return;
      } finally {
        phone.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { latencies, errors };
}

// ---------------------------------------------------------------- the server and its metrics

interface Snapshot {
  cpuSeconds: number;
  statements: number;
  rssBytes: number;
  heapBytes: number;
}

async function snapshot(): Promise<Snapshot> {
  const c = new Client('127.0.0.1');
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    const text = await res.text();
    const metric = (name: string, label = ''): number => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}{`) && l.includes(label) && !l.startsWith('#'));
      if (!line) throw new Error(`/metrics has no ${name}`);
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    return {
      cpuSeconds: metric('process_cpu_seconds_total'),
      statements: metric('db_statements_total', 'database="mitid"'),
      rssBytes: metric('process_resident_memory_bytes'),
      heapBytes: metric('nodejs_heap_size_used_bytes'),
    };
  } finally {
    c.close();
  }
}

async function ready(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(500) })).ok;
  } catch {
    return false;
  }
}

const adminUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'mitid-bench-approvals-'));
const pgDatabase = `bench_${randomBytes(6).toString('hex')}`;
let databaseUrl = 'sqlite';
let server: ChildProcess | undefined;
let serverErr = '';

async function cleanUp(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dbKind === 'postgres')
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`)).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}

const median = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

try {
  if (dbKind === 'postgres') {
    await withAdmin((c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${pgDatabase}`;
    databaseUrl = url.toString();
  }
  port = await freePort();
  // The keys a second node would be given: the bench reads the server secret from the key store.
  const kek = randomBytes(32);
  const bankClientSecret = randomBytes(32).toString('base64url');
  const profiling = cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`];
  server = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', ...profiling, 'src/roots/mitid/main.ts'],
    {
      cwd: serverRoot,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        MITID_PORT: String(port),
        LOG_LEVEL: flags['log-level'] ?? 'info',
        SEED_DEMO: 'false',
        // Each bench device approves back to back, hundreds of times a minute: far beyond a phone's
        // budget of signed calls, which would otherwise cut the run short.
        RATE_LIMIT_PER_DEVICE: '1000000',
        KEY_ENCRYPTION_KEY: kek.toString('base64url'),
        BANK_CLIENT_SECRET: bankClientSecret,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  server.stderr?.on('data', (d) => {
    serverErr += String(d);
  });
  const deadline = performance.now() + 60_000;
  while (!(await ready())) {
    if (server.exitCode !== null || performance.now() > deadline)
      throw new Error(`the MitID service did not start:\n${serverErr}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  // Setup with the service's own stores: people, identities waiting for their app, and the net
  // bank's activation codes. The identities have no mobile number: the temporary PIN comes in the
  // answer of the activation-code step.
  serviceAuthorization = `Basic ${Buffer.from(`minbank:${bankClientSecret}`).toString('base64')}`;
  const database = await openDatabase<MitidDb>({ url: databaseUrl, dataDir, name: 'mitid', poolSize: 2 });
  const [serverSecret] = await new KeyStore(database.db, kek, systemClock).versions('server-secret');
  if (!serverSecret) throw new Error('the MitID service made no server secret');
  const people = new PeopleStore(database.db);
  const identities = new IdentityStore(database.db, { nemidReservation: nemidReservation(database.db) });
  const codes = new OneTimeCodes({
    db: database.db,
    clock: systemClock,
    random: cryptoRandom,
    key: deriveCodeKey(serverSecret.secret),
  });
  const now = systemClock.now().getTime();
  const toActivate: { userId: string; code: string }[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const cpr = `150583${1000 + i}`;
    await people.insert({
      cpr,
      givenName: 'Bench',
      familyName: `Person ${i}`,
      birthDate: '1983-05-15',
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
      createdAt: now,
    });
    const identity = await identities.createIdentity(
      { cpr, userId: `bench-user-${i}`, contacts: [] },
      now,
      cryptoRandom.token(16),
    );
    const issued = await codes.issue(identity.id, activationCodeSms, identity.id);
    if (!issued.ok) throw new Error('no activation code');
    toActivate.push({ userId: identity.userId, code: issued.code });
  }
  await database.close();
  await opaque.ready;
  const devices: BenchDevice[] = [];
  for (const [i, p] of toActivate.entries())
    devices.push(await activate(p.userId, p.code, addressOf(249, i), i));

  console.log(
    `MitID service on ${dbKind}, ${devices.length} devices activated through the app protocol` +
      (serverRoot === root ? '' : ` (service from ${serverRoot})`),
  );
  console.log(
    `${concurrency} concurrent workers, complete approvals with PIN for ${seconds} s after ${warmupSeconds} s warm-up` +
      ` (LOG_LEVEL=${flags['log-level']})`,
  );
  console.log(
    'devices use a cheap OPAQUE key stretching (Argon2id 1 iteration, 1 MiB): the server never runs it',
  );
  if (warmupSeconds > 0) {
    const warm = await runFor(devices, warmupSeconds * 1000);
    if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors[0]}`);
  }
  const before = await snapshot();
  let half: Snapshot | undefined;
  const t0 = performance.now();
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
  const startedAt = approvalsDone;
  const memoryLog =
    memoryEvery === undefined
      ? undefined
      : setInterval(() => {
          const done = approvalsDone - startedAt;
          snapshot().then(
            (m) =>
              console.log(
                `  memory after ${done} approvals: rss ${mb(m.rssBytes)} MB, heap used ${mb(m.heapBytes)} MB`,
              ),
            () => {},
          );
        }, memoryEvery * 1000);
  const run = await runFor(devices, seconds * 1000, async () => {
    half = await snapshot();
  });
  clearInterval(memoryLog);
  const elapsed = (performance.now() - t0) / 1000;
  const after = await snapshot();

  const n = run.latencies.length;
  const sorted = [...run.latencies].sort((a, b) => a - b);
  console.log(`approvals: ${n} in ${elapsed.toFixed(1)} s, errors: ${run.errors.length}`);
  if (run.errors.length > 0) console.log(`  first error: ${run.errors[0]}`);
  console.log(
    `server memory: rss ${mb(before.rssBytes)} → ${mb(half?.rssBytes ?? Number.NaN)} → ${mb(after.rssBytes)} MB,` +
      ` heap used ${mb(before.heapBytes)} → ${mb(half?.heapBytes ?? Number.NaN)} → ${mb(after.heapBytes)} MB` +
      ' (start → half → end; heap used includes garbage not yet collected)',
  );
  const perS = n / elapsed;
  const cpuMs = n > 0 ? ((after.cpuSeconds - before.cpuSeconds) * 1000) / n : Number.NaN;
  const statements = n > 0 ? (after.statements - before.statements) / n : Number.NaN;
  console.log(
    `approvals: per_s=${perS.toFixed(1)} p50_ms=${median(sorted, 0.5).toFixed(1)} p99_ms=${median(sorted, 0.99).toFixed(1)}` +
      ` server_cpu_ms=${cpuMs.toFixed(2)} statements=${statements.toFixed(1)} db=${dbKind}`,
  );
  if (run.errors.length > 0) process.exitCode = 1;
} catch (err) {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
