/** The body of bench/password-logins.ts (loaded after UV_THREADPOOL_SIZE is set): see its header. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import { Authenticators } from '../../src/core/authenticators/index.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { createHooks } from '../../src/core/events/index.ts';
import { IdentityStore } from '../../src/core/identity/index.ts';
import { PeopleStore } from '../../src/core/people/index.ts';
import { nemidReservation } from '../../src/flows/nemid/index.ts';
import { CodeDevices, makeDemoBatch } from '../../src/kinds/code-device/index.ts';
import { createPassword, hashPassword } from '../../src/kinds/password/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { KeyStore } from '../../src/platform/keys/KeyStore.ts';
import { cryptoRandom } from '../../src/platform/random.ts';
import { mitidKinds } from '../../src/roots/mitid/kinds.ts';
import {
  addressOf,
  Browser,
  benchFlags,
  Client,
  expect,
  type MitidUnderTest,
  positive,
  quantile,
  snapshot,
  startMitid,
} from './mitidBench.ts';

const PASSWORD = 'Bench-Sommer-i-Skagen-2026';
const CLIENT_ID = 'bench-password-logins';
const CLIENT_SECRET = randomBytes(32).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:4199/cb';
const BASIC = `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
/** The box's user-ID starts a person may make in 15 minutes before the next is slowed. */
const STARTS_PER_PERSON = 5;
const STEP_MS = 30_000;

/** A person with an activated kodeviser and a password; the device's seed is the bench's own copy. */
interface Person {
  userId: string;
  identityId: string;
  totp: TOTP;
  /** The last 30-s step whose code this bench used (each code is accepted once). */
  lastStep: number;
  starts: number;
}

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

/** `inFlight` loops calling `op` until `ms` have passed; the latencies of every call. */
async function saturate(
  inFlight: number,
  ms: number,
  op: (worker: number) => Promise<void>,
): Promise<number[]> {
  const end = performance.now() + ms;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

/** Twice as many in flight as libuv has threads, so no thread ever waits for the next call. */
async function argon2Bound(threads: number, ms: number): Promise<{ n: number; ms: number }> {
  const stored = await hashPassword(PASSWORD);
  const t0 = performance.now();
  const done = await saturate(2 * threads, ms, async () => {
    if (!(await verify(stored, PASSWORD))) throw new Error('the bound verification failed');
  });
  return { n: done.length, ms: performance.now() - t0 };
}

/**
 * People with MitID, an activated kodeviser and a password, in the running service's database:
 * a demo batch imported through PSKC (its seeds kept here), each device reserved for an order of
 * the person's, verified with its current code and bound, the password made by the kind's
 * createPassword: the rows the device-activation wizard leaves.
 */
async function peopleWithCodeDevices(m: MitidUnderTest, count: number): Promise<Person[]> {
  const database = await openDatabase<MitidDb>({
    url: m.databaseUrl,
    dataDir: m.dataDir,
    name: 'mitid',
    poolSize: 2,
  });
  try {
    const db = database.db;
    const [serverSecret] = await new KeyStore(db, m.kek, systemClock).versions('server-secret');
    if (!serverSecret) throw new Error('the MitID service made no server secret');
    const orders = new Map<string, string>();
    const devices = new CodeDevices({
      db,
      serverSecret: serverSecret.secret,
      now: () => Date.now(),
      orderCprOf: async (id) => orders.get(id),
    });
    const authenticators = new Authenticators({
      db,
      now: () => Date.now(),
      hooks: createHooks(),
      rules: mitidKinds().activationRules(),
    });
    const batch = await makeDemoBatch(db, cryptoRandom, 'codeDisplay', count, Date.now());
    const imported = await devices.importPskc(batch.xml, batch.transportKey);
    if (!imported.ok) throw new Error(`the PSKC import refused: ${JSON.stringify(imported).slice(0, 300)}`);
    const people = new PeopleStore(db);
    const identities = new IdentityStore(db, { nemidReservation: nemidReservation(db) });
    const out: Person[] = [];
    for (let i = 0; i < count; i++) {
      const now = Date.now();
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
        { cpr, userId: `bench-pw-${i}`, contacts: [] },
        now,
        cryptoRandom.token(16),
      );
      orders.set(`bench-order-${i}`, cpr);
      const serial = await devices.serials.reserve(db, 'codeDisplay', `bench-order-${i}`);
      if (!serial) throw new Error('the stock ran out');
      const code = (await devices.currentCode(serial, now)) ?? '';
      const verified = await devices.verifyForActivation({ cpr, kind: 'codeDisplay', serial, code });
      if (!verified.ok) throw new Error(`the activation refused: ${verified.code}`);
      await db.transaction().execute(async (trx) => {
        const id = `bench-auth-${serial}`;
        const made = await authenticators.activate(trx, {
          id,
          identityId: identity.id,
          kind: 'codeDisplay',
          label: serial,
        });
        if (!made.ok) throw new Error(`the kodeviser's activation refused: ${made.code}`);
        const bound = await devices.bind(trx, {
          identityId: identity.id,
          serial,
          step: verified.step,
          authenticatorId: id,
        });
        if (!bound.ok) throw new Error(`bind refused: ${bound.code}`);
        const pw = await createPassword(trx, authenticators, {
          identityId: identity.id,
          userId: identity.userId,
          password: PASSWORD,
          now,
        });
        if (!pw.ok) throw new Error(`createPassword refused: ${pw.code}`);
      });
      // What the wizard's end does: the identity is active once it has its devices.
      await identities.setStatus(identity.id, 'active', now);
      const bySerial = batch.devices.find((d) => d.serial === serial);
      if (!bySerial) throw new Error('the reserved serial is not of the batch');
      const totp = new TOTP({
        secret: new Secret({ buffer: new Uint8Array(bySerial.secret).buffer }),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      });
      // The bench's copy of the seed gives the code the stock gives.
      if (totp.generate({ timestamp: now }) !== code)
        throw new Error(`the seed of ${serial} gives another code`);
      out.push({
        userId: identity.userId,
        identityId: identity.id,
        totp,
        lastStep: verified.step,
        starts: 0,
      });
    }
    return out;
  } finally {
    await database.close();
  }
}

interface Endpoints {
  port: number;
  issuer: string;
  authorize: string;
  token: string;
}

let addresses = 0;
/** Each phase's summed wall time (ms) over the measured logins: where a login's time goes. */
const phases = new Map<string, number>();

/** One whole login: authorize → user-ID → the kodeviser's code → the password → callback → token. */
async function login(e: Endpoints, p: Person, code: string): Promise<void> {
  const browser = new Browser(e.port, addressOf(1 + (addresses % 90), addresses));
  const service = new Client(e.port, addressOf(250, addresses));
  addresses++;
  let t = performance.now();
  const phase = (name: string): void => {
    const now = performance.now();
    phases.set(name, (phases.get(name) ?? 0) + (now - t));
    t = now;
  };
  try {
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
    });
    const first = await browser.follow('GET', `${e.authorize}?${query}`);
    if (!('page' in first)) throw new Error('authorize left the service');
    expect(first.page, 200, 'the box');
    phase('authorize');
    const box = first.path.split('?')[0] ?? '';
    if (!/\/op\/login\/[A-Za-z0-9_-]+$/.test(box)) throw new Error(`authorize ended at ${box}, not the box`);
    // The method: the kodeviser (a person who used it last has it preselected by a cookie).
    const chosen = await browser.follow('POST', `${box}/method`, {
      _csrf: csrfOf(first.page.text, 'the user-ID page'),
      method: 'codeDevice',
    });
    if (!('page' in chosen)) throw new Error('the method left the service');
    phase('method');
    const coding = await browser.follow('POST', box, {
      _csrf: csrfOf(chosen.page.text, 'the user-ID page'),
      userId: p.userId,
    });
    if (!('page' in coding) || !coding.page.text.includes('name="code"'))
      throw new Error('the user-ID did not lead to the code page');
    phase('user-ID');
    const passwording = await browser.follow('POST', `${box}/code`, {
      _csrf: csrfOf(coding.page.text, 'the code page'),
      code,
    });
    if (!('page' in passwording) || !passwording.page.text.includes('name="password"'))
      throw new Error(
        `the code did not lead to the password page: ${'page' in passwording ? `HTTP ${passwording.page.status} ${/(Koden[^<]*|[^>]*CSRF[^<]*|[^>]*udløb[^<]*)/.exec(passwording.page.text)?.[1] ?? passwording.page.text.slice(0, 300)}` : 'left'}`,
      );
    phase('code');
    const done = await browser.follow('POST', `${box}/password`, {
      _csrf: csrfOf(passwording.page.text, 'the password page'),
      password: PASSWORD,
    });
    if (!('left' in done))
      throw new Error(`the password: HTTP ${done.page.status} ${done.page.text.slice(0, 200)}`);
    phase('password+redirects');
    const cb = done.left;
    if (!cb.href.startsWith(`${REDIRECT_URI}?`))
      throw new Error(`the login went to ${cb.origin}${cb.pathname}`);
    if (cb.searchParams.get('state') !== state) throw new Error('state mismatch');
    const authCode = cb.searchParams.get('code');
    if (!authCode) throw new Error(`no code: ${cb.searchParams.get('error')}`);
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: authCode,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).toString();
    const tokens = expect(
      await service.call('POST', e.token, form, {
        authorization: BASIC,
        'content-type': 'application/x-www-form-urlencoded',
      }),
      200,
      'token',
    );
    const [, payload = '', signature] = String(tokens.id_token ?? '').split('.');
    if (!signature) throw new Error('the ID token has no signature');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (claims.nonce !== nonce || claims.aud !== CLIENT_ID || claims.iss !== e.issuer)
      throw new Error(`the ID token's claims: ${JSON.stringify(claims).slice(0, 300)}`);
    phase('token');
  } finally {
    browser.close();
    service.close();
  }
}

/** The next person whose device has a code not yet used and who may start again; undefined: none. */
function nextPerson(people: Person[], cursor: { i: number }): { person: Person; code: string } | undefined {
  for (let tries = 0; tries < people.length; tries++) {
    const p = people[cursor.i++ % people.length] as Person;
    const now = Date.now();
    const step = Math.floor(now / STEP_MS);
    if (p.lastStep >= step || p.starts >= STARTS_PER_PERSON) continue;
    p.lastStep = step;
    p.starts++;
    return { person: p, code: p.totp.generate({ timestamp: now }) };
  }
  return undefined;
}

export async function run(): Promise<void> {
  const { flags, dbKind, seconds, concurrency, warmupSeconds, logLevel, serverRoot, cpuProfDir } = benchFlags(
    {
      people: { type: 'string' },
    },
  );
  const peopleCount = positive(
    'people',
    (flags.people as string | undefined) ?? String(Math.max(300, 25 * concurrency)),
    10000,
  );
  const threads = Number(process.env.UV_THREADPOOL_SIZE);
  const clientsDir = mkdtempSync(path.join(tmpdir(), 'mitid-bench-pw-clients-'));
  let mitid: MitidUnderTest | undefined;
  try {
    const clientsFile = path.join(clientsDir, 'clients.json');
    writeFileSync(
      clientsFile,
      JSON.stringify([
        {
          client_id: CLIENT_ID,
          client_name: 'Benchmark Shop',
          dialect: 'signaturgruppen',
          client_secret: CLIENT_SECRET,
          redirect_uris: [REDIRECT_URI],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ]),
    );
    mitid = await startMitid({
      dbKind,
      name: 'password-logins',
      logLevel,
      cpuProfDir,
      serverRoot,
      // The service's Argon2 pool: as many threads as the bound's.
      env: { CLIENTS_FILE: clientsFile, UV_THREADPOOL_SIZE: String(threads) },
    });
    const discovery = new Client(mitid.port, '127.0.0.1');
    let e: Endpoints;
    try {
      const d = expect(await discovery.call('GET', '/op/.well-known/openid-configuration'), 200, 'discovery');
      e = {
        port: mitid.port,
        issuer: String(d.issuer),
        authorize: pathOf(String(d.authorization_endpoint)),
        token: pathOf(String(d.token_endpoint)),
      };
    } finally {
      discovery.close();
    }
    console.log(`making ${peopleCount} people with a kodeviser and a password (${dbKind})…`);
    const people = await peopleWithCodeDevices(mitid, peopleCount);
    // The activations used the codes of the steps they ran in: the logins start at the next one.
    const lastActivation = Math.max(...people.map((p) => p.lastStep));
    const wait = (lastActivation + 1) * STEP_MS - Date.now();
    if (wait > 0) {
      console.log(`waiting ${(wait / 1000).toFixed(1)} s for the devices' next code…`);
      await new Promise((r) => setTimeout(r, wait + 50));
    }
    const cursor = { i: 0 };
    const errors: string[] = [];
    const oneLogin = async () => {
      const next = nextPerson(people, cursor);
      if (!next) throw new Error('every device has used its code of this step: give more --people');
      try {
        await login(e, next.person, next.code);
      } catch (err) {
        errors.push((err as Error).message);
        throw err;
      }
    };

    if (warmupSeconds > 0) {
      await argon2Bound(threads, warmupSeconds * 1000);
      await saturate(concurrency, warmupSeconds * 1000, oneLogin);
    }
    const rounds = 3;
    const slice = (seconds * 1000) / rounds;
    console.log(
      `argon2id bound (${threads} threads, ${2 * threads} in flight) and whole logins (${concurrency} workers, the service's pool ${threads} threads), ${rounds} rounds of ${(slice / 1000).toFixed(1)} s each…`,
    );
    let boundN = 0;
    let boundMs = 0;
    let loginMs = 0;
    let serverCpuS = 0;
    let ownCpuUs = 0;
    const latencies: number[] = [];
    phases.clear();
    for (let r = 0; r < rounds; r++) {
      const b = await argon2Bound(threads, slice);
      boundN += b.n;
      boundMs += b.ms;
      const before = await snapshot(mitid.port);
      const s0 = performance.now();
      const own0 = process.cpuUsage();
      latencies.push(...(await saturate(concurrency, slice, oneLogin)));
      loginMs += performance.now() - s0;
      const own = process.cpuUsage(own0);
      ownCpuUs += own.user + own.system;
      serverCpuS += (await snapshot(mitid.port)).cpuSeconds - before.cpuSeconds;
    }
    const bound = boundN / (boundMs / 1000);
    const perS = latencies.length / (loginMs / 1000);
    latencies.sort((a, b) => a - b);
    console.log(
      `  ${latencies.length} logins, p50 ${quantile(latencies, 0.5).toFixed(1)} ms, errors ${errors.length};` +
        ` the service's CPU per login ${((serverCpuS * 1000) / latencies.length).toFixed(1)} ms` +
        ` (${((serverCpuS / (loginMs / 1000)) * 100).toFixed(0)}% of a core);` +
        ` this process (the browsers) ${(ownCpuUs / 1000 / latencies.length).toFixed(1)} ms`,
    );
    console.log(
      `  per login (wall, ms): ${[...phases].map(([k, v]) => `${k} ${(v / latencies.length).toFixed(0)}`).join(', ')}`,
    );
    console.log(
      `password_logins: per_s=${perS.toFixed(1)} p99_ms=${quantile(latencies, 0.99).toFixed(1)} argon2_bound_per_s=${bound.toFixed(1)} ratio=${(perS / bound).toFixed(3)} scope=login db=${dbKind}`,
    );
  } catch (err) {
    console.error(`bench failed: ${(err as Error).message}`);
    if (mitid) console.error(mitid.stderr().slice(-1500));
    process.exitCode = 1;
  } finally {
    await mitid?.stop();
    rmSync(clientsDir, { recursive: true, force: true });
  }
}
