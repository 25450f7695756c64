/**
 * The server's parts of one app approval with PIN, each measured alone in this process (no HTTP,
 * no other work), so that the service's CPU per approval (`npm run bench -- approvals`) can be
 * split into what each part costs:
 *   OPAQUE: the server's startLogin (PIN step) and finishLogin (decision), WebAssembly;
 *   ECDSA P-256 verification with an imported key (verifyEcdsa, four per approval), and the two
 *   ways of calling node:crypto it chose between;
 *   the login state's sealing (AES-256-GCM), the request string's SHA-256;
 *   one pino log line through the service's logger options (redaction, CPR masking) to /dev/null;
 *   Kysely building and compiling the signed-request read (the approval's widest query) and
 *   running it, and running it precompiled (src/platform/db/precompiled.ts); node:sqlite running a
 *   prepared primary-key SELECT.
 * Each part runs for about --ms milliseconds after a warm-up; the figures are µs of CPU per call
 * (process.cpuUsage, user + system), medians of --rounds rounds.
 *
 * Run: npm run bench -- parts [--ms 300] [--rounds 5]
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { openSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import { Kysely, SqliteDialect } from 'kysely';
import { pino } from 'pino';
import { createSealer, loginStateBinding } from '../src/core/codes/sealed.ts';
import { deviceRequestString } from '../src/kinds/app/server/deviceRequestString.ts';
import { p1363ToDer, verifyEcdsa } from '../src/kinds/app/server/verifyEcdsa.ts';
import { openNodeSqlite } from '../src/platform/db/nodeSqlite.ts';
import { precompile } from '../src/platform/db/precompiled.ts';
import { loggerOptions } from '../src/platform/http/logging.ts';

const { values } = parseArgs({
  options: { ms: { type: 'string', default: '300' }, rounds: { type: 'string', default: '5' } },
});
const budgetMs = Number(values.ms);
const rounds = Number(values.rounds);

/** µs of CPU per call of fn: the median of `rounds` rounds of about budgetMs each. */
function measure(name: string, fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn();
  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs) {
      for (let i = 0; i < 10; i++) fn();
      n += 10;
    }
    const cpu = process.cpuUsage(cpu0);
    perCall.push((cpu.user + cpu.system) / n);
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(perCall.length / 2)] as number;
  console.log(`${median.toFixed(1).padStart(8)} µs  ${name}`);
  return median;
}

/** As measure, for a part that returns a promise (awaited one by one). */
async function measureAsync(name: string, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await fn();
  const perCall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs) {
      await fn();
      n++;
    }
    const cpu = process.cpuUsage(cpu0);
    perCall.push((cpu.user + cpu.system) / n);
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(perCall.length / 2)] as number;
  console.log(`${median.toFixed(1).padStart(8)} µs  ${name}`);
  return median;
}

await opaque.ready;
const PIN = '135790';
const cheap = { 'argon2id-custom': { iterations: 1, memory: 1024, parallelism: 1 } } as const;
const serverSetup = opaque.server.createSetup();
const userIdentifier = 'device-1';
const reg = opaque.client.startRegistration({ password: PIN });
const { registrationResponse } = opaque.server.createRegistrationResponse({
  serverSetup,
  userIdentifier,
  registrationRequest: reg.registrationRequest,
});
const { registrationRecord } = opaque.client.finishRegistration({
  clientRegistrationState: reg.clientRegistrationState,
  registrationResponse,
  password: PIN,
  keyStretching: cheap,
});
const clientLogin = opaque.client.startLogin({ password: PIN });
const startLogin = () =>
  opaque.server.startLogin({
    serverSetup,
    registrationRecord,
    startLoginRequest: clientLogin.startLoginRequest,
    userIdentifier,
  });
const started = startLogin();
const finished = opaque.client.finishLogin({
  clientLoginState: clientLogin.clientLoginState,
  loginResponse: started.loginResponse,
  password: PIN,
  keyStretching: cheap,
});
if (!finished) throw new Error('the PIN did not open the envelope');
const finishRequest = finished.finishLoginRequest;

const parts: Record<string, number> = {};
console.log('server parts of an approval, CPU per call:');
parts.startLogin = measure('OPAQUE server.startLogin (PIN step)', startLogin);
parts.finishLogin = measure('OPAQUE server.finishLogin (decision)', () =>
  opaque.server.finishLogin({
    serverLoginState: started.serverLoginState,
    finishLoginRequest: finishRequest,
  }),
);

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
const message = deviceRequestString(
  'POST',
  '/api/app/v1/devices/x/transactions/y/decision',
  '1',
  Buffer.alloc(300),
);
const signature = sign('sha256', Buffer.from(message), { key: privateKey, dsaEncoding: 'ieee-p1363' });
const publicJwk = { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) } as const;
const signatureB64u = signature.toString('base64url');
parts.verify = measure('verifyEcdsa: ECDSA P-256, cached key (×4 per approval)', () =>
  verifyEcdsa(publicJwk, message, signatureB64u),
);
measure("node:crypto verify with { key, dsaEncoding: 'ieee-p1363' }", () =>
  verify('sha256', Buffer.from(message), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
);
measure('node:crypto verify with the KeyObject and a DER signature', () =>
  verify('sha256', Buffer.from(message), publicKey, p1363ToDer(signature)),
);
measure('ECDSA P-256 public key import from JWK (cached by verifyEcdsa)', () =>
  createPublicKey({ key: jwk, format: 'jwk' }),
);
const sealer = createSealer('a server secret of some length');
const binding = loginStateBinding('tx', 'device');
measure('seal + open the login state (AES-256-GCM)', () =>
  sealer.open(sealer.seal(started.serverLoginState, binding), binding),
);
measure('request string with SHA-256 of a 300-byte body', () =>
  deviceRequestString('POST', '/api/app/v1/devices/x/transactions/y/pin', '1', Buffer.alloc(300)),
);

const devNull = pino.destination({ dest: openSync('/dev/null', 'w'), sync: true });
const log = pino(loggerOptions('info', 'mitid'), devNull);
const child = log.child({ reqId: '6f1c2c8e-7f0e-4b8e-9a57-6e2f3f3b9b11' });
parts.log = measure('one pino log line (redaction, CPR masking), to /dev/null', () =>
  child.info({ deviceId: 'd-123', transactionId: 't-456' }, 'app PIN attempt started'),
);

const sqlite = openNodeSqlite(':memory:');
sqlite.raw.exec(
  'create table app_devices (id text primary key, identity_id text, public_key text, status text, created_at integer)',
);
sqlite.raw.exec('create table identities (id text primary key, user_id text, status text)');
sqlite.raw.exec('create table app_transactions (id text primary key, identity_id text, text text)');
sqlite.raw.exec("insert into app_devices values ('d-1', 'i-1', '{}', 'active', 1)");
sqlite.raw.exec("insert into identities values ('i-1', 'bench-user', 'active')");
sqlite.raw.exec("insert into app_transactions values ('tx-1', 'i-1', 'Overførsel')");
/** A 3-table join of the shape of the signed-request read (its own tables: only the build cost counts). */
interface PartsDb {
  app_devices: { id: string; identity_id: string; public_key: string; status: string; created_at: number };
  identities: { id: string; user_id: string; status: string };
  app_transactions: { id: string; identity_id: string; text: string };
}
const db = new Kysely<PartsDb>({ dialect: new SqliteDialect({ database: sqlite }) });
const build = () =>
  db
    .selectFrom('app_devices as d')
    .innerJoin('identities as i', 'i.id', 'd.identity_id')
    .leftJoin('app_transactions as t', (join) =>
      join.onRef('t.identity_id', '=', 'd.identity_id').on('t.id', '=', 'tx-1'),
    )
    .selectAll('d')
    .select([
      'i.user_id as identity_user_id',
      'i.status as identity_status',
      't.id as tx_id',
      't.text as tx_text',
    ])
    .where('d.id', '=', 'd-1');
measure('Kysely: build the signed-request read (a 3-table join)', build);
parts.compile = measure('Kysely: build and compile it to SQL', () => build().compile());
await measureAsync('Kysely: build, compile and run it (SQLite, in memory)', () => build().executeTakeFirst());
const read = precompile<PartsDb, { id: string; tx: string }, unknown>((d, p) =>
  d
    .selectFrom('app_devices as d')
    .innerJoin('identities as i', 'i.id', 'd.identity_id')
    .leftJoin('app_transactions as t', (join) =>
      join.onRef('t.identity_id', '=', 'd.identity_id').on('t.id', '=', p('tx')),
    )
    .selectAll('d')
    .select([
      'i.user_id as identity_user_id',
      'i.status as identity_status',
      't.id as tx_id',
      't.text as tx_text',
    ])
    .where('d.id', '=', p('id')),
);

await measureAsync('the same, precompiled (src/platform/db/precompiled.ts)', () =>
  read.takeFirst(db, { id: 'd-1', tx: 'tx-1' }),
);
const stmt = sqlite.prepare('select * from app_devices where id = ?');
measure('node:sqlite: a prepared primary-key SELECT', () => stmt.all(['d-1']));
await db.destroy();

console.log(
  `per approval: OPAQUE ${((parts.startLogin ?? 0) + (parts.finishLogin ?? 0)).toFixed(0)} µs,` +
    ` 4 ECDSA verifications ${(4 * (parts.verify ?? 0)).toFixed(0)} µs`,
);
