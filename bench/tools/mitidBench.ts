/**
 * What the MitID benchmarks share (approvals, logins): the service as its own process on a fresh
 * data folder (SQLite, or a fresh PostgreSQL database dropped afterwards), people with activated
 * app devices made through the app protocol, HTTP clients each on their own loopback address,
 * and the server's CPU time and SQL statements from its /metrics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import pg from 'pg';
import { activationCodeSms } from '../../src/core/codes/codePolicies.ts';
import { deriveCodeKey, OneTimeCodes } from '../../src/core/codes/oneTimeCode.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { IdentityStore } from '../../src/core/identity/IdentityStore.ts';
import { PeopleStore } from '../../src/core/people/PeopleStore.ts';
import { nemidReservation } from '../../src/flows/nemid/index.ts';
import { NO_PIN, pinProof, signApproval } from '../../src/kinds/app/client/approvalMessage.ts';
import { type DeviceKey, generateDeviceKey } from '../../src/kinds/app/client/deviceKey.ts';
import { shownDigest } from '../../src/kinds/app/client/shownDigest.ts';
import { signRequest } from '../../src/kinds/app/client/signRequest.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { KeyStore } from '../../src/platform/keys/KeyStore.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { freePort } from '../../test/support/system.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const PIN = '135790';
/** The devices' OPAQUE key stretching: cheap (that work is the device's, never the server's). */
export const cheapStretching = {
  'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 },
} as const;

export const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

export const positive = (name: string, raw: string | undefined, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`--${name} must be a whole number from 1 to ${max}`);
  return n;
};

// ---------------------------------------------------------------- HTTP, one loopback address each

/** The flags every MitID benchmark takes, parsed and checked (bad values: a message, exit 2). */
export interface BenchFlags<O extends ParseArgsOptionsConfig> {
  /** Every flag as parsed, the benchmark's own (`extra`) among them. */
  flags: Record<keyof O | 'log-level', string | boolean | undefined>;
  dbKind: 'sqlite' | 'postgres';
  seconds: number;
  concurrency: number;
  warmupSeconds: number;
  logLevel: string;
  serverRoot: string;
  cpuProfDir: string | undefined;
}

export function benchFlags<O extends ParseArgsOptionsConfig>(extra: O): BenchFlags<O> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      seconds: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '16' },
      warmup: { type: 'string', default: '2' },
      'log-level': { type: 'string', default: 'info' },
      'cpu-prof': { type: 'string' },
      'server-root': { type: 'string' },
      ...extra,
    },
  });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.db !== 'sqlite' && flags.db !== 'postgres') fail('--db must be sqlite or postgres');
  const warmupSeconds = Number(flags.warmup);
  if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0)
    fail('--warmup must be a number of seconds, 0 or more');
  const cpuProf = flags['cpu-prof'];
  return {
    flags: flags as BenchFlags<O>['flags'],
    dbKind: flags.db as 'sqlite' | 'postgres',
    seconds: positive('seconds', flags.seconds as string, 3600),
    concurrency: positive('concurrency', flags.concurrency as string, 200),
    warmupSeconds,
    logLevel: String(flags['log-level'] ?? 'info'),
    serverRoot: path.resolve((flags['server-root'] as string | undefined) ?? root),
    cpuProfDir: typeof cpuProf === 'string' ? path.resolve(cpuProf) : undefined,
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
}

/** One client: its own source address and keep-alive connection to the service; close() when done. */
export class Client {
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly #address: string;
  readonly #port: number;
  constructor(port: number, address: string) {
    this.#port = port;
    this.#address = address;
  }
  call(
    method: string,
    pathWithQuery: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.#port,
          method,
          path: pathWithQuery,
          agent: this.#agent,
          localAddress: this.#address,
          headers: {
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
            ...headers,
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
              parsed = {};
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
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

/**
 * A fresh browser reduced to what a login needs: its own loopback address and keep-alive
 * connection, a cookie jar (name and path; a cleared or expired cookie is dropped; sent where its
 * path matches), forms, and redirects followed within the service until one leaves it.
 */
export class Browser {
  readonly #client: Client;
  readonly #port: number;
  readonly #jar = new Map<string, { name: string; value: string; path: string }>();
  constructor(port: number, address: string) {
    this.#port = port;
    this.#client = new Client(port, address);
  }

  #cookieHeader(p: string): string | undefined {
    const out: string[] = [];
    for (const c of this.#jar.values()) {
      if (p === c.path || (p.startsWith(c.path) && (c.path.endsWith('/') || p[c.path.length] === '/')))
        out.push(`${c.name}=${c.value}`);
    }
    return out.length > 0 ? out.join('; ') : undefined;
  }

  #store(lines: string[] | undefined, p: string): void {
    for (const line of lines ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let cookiePath = p.slice(0, p.lastIndexOf('/')) || '/';
      let expired = value === '';
      for (const a of attributes) {
        const i = a.indexOf('=');
        const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
        const v = i < 0 ? '' : a.slice(i + 1).trim();
        if (k === 'path' && v.startsWith('/')) cookiePath = v;
        else if (k === 'max-age' && Number(v) <= 0) expired = true;
        else if (k === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      const key = `${name}\0${cookiePath}`;
      if (expired) this.#jar.delete(key);
      else this.#jar.set(key, { name, value, path: cookiePath });
    }
  }

  /** One request with the jar's cookies; `form` is sent as application/x-www-form-urlencoded. */
  async request(
    method: string,
    pathWithQuery: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const p = pathWithQuery.split('?')[0] ?? '/';
    const cookie = this.#cookieHeader(p);
    const body = form === undefined ? undefined : new URLSearchParams(form).toString();
    const answer = await this.#client.call(method, pathWithQuery, body, {
      ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      ...(cookie === undefined ? {} : { cookie }),
      ...headers,
    });
    const setCookie = answer.headers['set-cookie'];
    this.#store(setCookie, p);
    return answer;
  }

  /**
   * The request, then its redirects (GET) while they stay at the service: the page it stops on,
   * or the URL outside the service it was sent to (not loaded, as a callback nobody serves).
   */
  async follow(
    method: string,
    pathWithQuery: string,
    form?: Record<string, string>,
  ): Promise<{ page: Answer; path: string } | { left: URL }> {
    let current = pathWithQuery;
    let answer = await this.request(method, current, form);
    for (let hop = 0; hop < 12; hop++) {
      const location = answer.headers.location;
      if (answer.status < 300 || answer.status >= 400 || !location) return { page: answer, path: current };
      const next = new URL(location, `http://127.0.0.1:${this.#port}${current}`);
      const here =
        (next.hostname === '127.0.0.1' || next.hostname === 'localhost') && next.port === String(this.#port);
      if (!here) return { left: next };
      current = next.pathname + next.search;
      answer = await this.request('GET', current);
    }
    throw new Error(`too many redirects from ${pathWithQuery.split('?')[0]}`);
  }

  close(): void {
    this.#client.close();
  }
}

/** Addresses 127.a.b.c: `a` picks the pool (a worker, the service), `n` walks through it. */
export const addressOf = (pool: number, n: number): string =>
  `127.${pool}.${1 + (Math.floor(n / 254) % 254)}.${1 + (n % 254)}`;

export const expect = (a: Answer, status: number, what: string): Record<string, unknown> => {
  if (a.status !== status) throw new Error(`${what}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
  return a.body;
};

// ---------------------------------------------------------------- the device

export interface BenchDevice {
  userId: string;
  identityId: string;
  deviceId: string;
  key: DeviceKey;
  lastTimestamp: number;
}

export function signedHeaders(
  d: BenchDevice,
  method: string,
  p: string,
  body: string,
): Record<string, string> {
  // A real device's clock moves; two requests never carry the same millisecond.
  d.lastTimestamp = Math.max(Date.now(), d.lastTimestamp + 1);
  return {
    ...signRequest(d.deviceId, d.key, { method, pathWithQuery: p, timestamp: d.lastTimestamp, body }),
  };
}

/** What the device's pending list says of a transaction (docs/protocols/app.md). */
export interface PendingTransaction {
  id: string;
  serviceName: string;
  action: string;
  text: string;
  level: string;
  requiresPin: boolean;
  digest: string;
  challenge: string;
  createdAt: number;
}

/**
 * The device's part of an approval, as the app does it: the pending list (the transaction must be
 * there, its digest what the app computes from what it shows), the OPAQUE PIN login when the
 * transaction asks for the PIN (`pin: 'required'`: it must ask), the signed decision.
 * Returns what the list showed.
 */
export async function approveOnDevice(
  d: BenchDevice,
  phone: Client,
  transactionId: string,
  pin: 'required' | 'as-asked' = 'as-asked',
): Promise<PendingTransaction> {
  const list = `/api/app/v1/devices/${d.deviceId}/transactions`;
  const pending = expect(
    await phone.call('GET', list, undefined, signedHeaders(d, 'GET', list, '')),
    200,
    'pending',
  );
  const raw = (pending.transactions as Record<string, unknown>[]).find((t) => t.id === transactionId);
  if (!raw) throw new Error('the transaction is not pending for the device');
  const tx: PendingTransaction = {
    id: String(raw.id),
    serviceName: String(raw.serviceName),
    action: String(raw.action),
    text: String(raw.text),
    level: String(raw.level),
    requiresPin: raw.requiresPin === true,
    digest: String(raw.digest),
    challenge: String(raw.challenge),
    createdAt: Number(raw.createdAt),
  };
  const { id, serviceName, action, text, level, createdAt } = tx;
  if (shownDigest({ id, serviceName, action, text, level, createdAt }) !== tx.digest)
    throw new Error('digest mismatch');
  if (pin === 'required' && !tx.requiresPin) throw new Error('the app was not asked for the PIN');

  const txPath = `${list}/${transactionId}`;
  let proof = NO_PIN;
  let finishLoginRequest: string | undefined;
  if (tx.requiresPin) {
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
    proof = pinProof(finished.sessionKey);
    finishLoginRequest = finished.finishLoginRequest;
  }
  const signature = signApproval(d.key, {
    transactionId,
    digest: tx.digest,
    challenge: tx.challenge,
    decision: 'approve',
    pinProof: proof,
  });
  const decisionBody = JSON.stringify({
    decision: 'approve',
    ...(finishLoginRequest === undefined ? {} : { finishLoginRequest }),
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
  return tx;
}

async function activate(
  port: number,
  p: { userId: string; identityId: string; code: string },
  address: string,
  n: number,
): Promise<BenchDevice> {
  const c = new Client(port, address);
  try {
    const start = expect(
      await c.call(
        'POST',
        '/api/app/v1/activations',
        JSON.stringify({ userId: p.userId, deviceName: `Bench ${n}` }),
      ),
      201,
      'activation start',
    );
    const base = `/api/app/v1/activations/${String(start.activationId)}`;
    const coded = expect(
      await c.call('POST', `${base}/activation-code`, JSON.stringify({ code: p.code })),
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
    return {
      userId: p.userId,
      identityId: p.identityId,
      deviceId: String(done.deviceId),
      key,
      lastTimestamp: 0,
    };
  } finally {
    c.close();
  }
}

// ---------------------------------------------------------------- the server and its metrics

export interface Snapshot {
  cpuSeconds: number;
  statements: number;
  rssBytes: number;
  heapBytes: number;
}

export async function snapshot(port: number): Promise<Snapshot> {
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
}

export const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

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

export interface MitidUnderTest {
  port: number;
  origin: string;
  dbKind: 'sqlite' | 'postgres';
  kek: Buffer;
  bankClientSecret: string;
  databaseUrl: string;
  dataDir: string;
  /** The service's stderr so far (for a failure's message). */
  stderr(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  dbKind: 'sqlite' | 'postgres';
  name: string;
  logLevel?: string;
  cpuProfDir?: string | undefined;
  serverRoot?: string;
  env?: Record<string, string>;
}

/** The MitID service as its own process (src/roots/mitid/main.ts), ready when this returns. */
export async function startMitid(o: StartOptions): Promise<MitidUnderTest> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `mitid-bench-${o.name}-`));
  const pgDatabase = `bench_${randomBytes(6).toString('hex')}`;
  let databaseUrl = 'sqlite';
  if (o.dbKind === 'postgres') {
    await withAdmin((c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${pgDatabase}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  // The keys a second node would be given: the bench reads the server secret from the key store.
  const kek = randomBytes(32);
  const bankClientSecret = randomBytes(32).toString('base64url');
  const profiling = o.cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`];
  const server: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', ...profiling, 'src/roots/mitid/main.ts'],
    {
      cwd: o.serverRoot ?? root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        MITID_PORT: String(port),
        MITID_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: o.logLevel ?? 'info',
        SEED_DEMO: 'false',
        // Each bench device answers back to back, hundreds of times a minute: far beyond a phone's
        // budget of signed calls, which would otherwise cut the run short.
        RATE_LIMIT_PER_DEVICE: '1000000',
        KEY_ENCRYPTION_KEY: kek.toString('base64url'),
        BANK_CLIENT_SECRET: bankClientSecret,
        ...o.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let serverErr = '';
  server.stderr?.on('data', (d) => {
    serverErr += String(d);
  });
  const stop = async (): Promise<void> => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    if (o.dbKind === 'postgres')
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`)).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  const ready = async (): Promise<boolean> => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(500) })).ok;
    } catch {
      return false;
    }
  };
  const deadline = performance.now() + 60_000;
  while (!(await ready())) {
    if (server.exitCode !== null || performance.now() > deadline) {
      await stop();
      throw new Error(`the MitID service did not start:\n${serverErr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    dbKind: o.dbKind,
    kek,
    bankClientSecret,
    databaseUrl,
    dataDir,
    stderr: () => serverErr,
    stop,
  };
}

/**
 * People with MitID and an activated app: made with the service's own stores (as the net bank's
 * enrollment leaves them: an identity waiting for its app, an activation code), then each device
 * activates through the app protocol. The identities have no mobile number: the temporary PIN
 * comes in the answer of the activation-code step.
 */
export async function peopleWithApps(m: MitidUnderTest, count: number): Promise<BenchDevice[]> {
  const database = await openDatabase<MitidDb>({
    url: m.databaseUrl,
    dataDir: m.dataDir,
    name: 'mitid',
    poolSize: 2,
  });
  const toActivate: { userId: string; identityId: string; code: string }[] = [];
  try {
    const [serverSecret] = await new KeyStore(database.db, m.kek, systemClock).versions('server-secret');
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
    for (let i = 0; i < count; i++) {
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
      toActivate.push({ userId: identity.userId, identityId: identity.id, code: issued.code });
    }
  } finally {
    await database.close();
  }
  await opaque.ready;
  // A few activations at a time (the service has cores to spare while one device stretches).
  const devices: BenchDevice[] = new Array(toActivate.length);
  let next = 0;
  const activator = async (): Promise<void> => {
    while (next < toActivate.length) {
      const i = next++;
      devices[i] = await activate(m.port, toActivate[i] as (typeof toActivate)[number], addressOf(249, i), i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, toActivate.length) }, activator));
  return devices;
}
