/** The body of bench/password-logins.ts (loaded after UV_THREADPOOL_SIZE is set). */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import pg from 'pg';
import type { Authentication } from '../../src/core/authentications/index.ts';
import { type Authenticator, Authenticators } from '../../src/core/authenticators/index.ts';
import type { MitidDb } from '../../src/core/db/index.ts';
import { createHooks } from '../../src/core/events/index.ts';
import { IdentityStore } from '../../src/core/identity/index.ts';
import { PeopleStore } from '../../src/core/people/index.ts';
import { nemidReservation } from '../../src/flows/nemid/index.ts';
import {
  createPassword,
  createPasswordKind,
  hashPassword,
  passwordActivationRules,
} from '../../src/kinds/password/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { type Database, migrate, openDatabase } from '../../src/platform/db/database.ts';
import { mitidMigrations } from '../../src/roots/mitid/db/migrations.ts';
import { benchFlags, fail, positive, quantile } from './mitidBench.ts';

const PASSWORD = 'Bench-Sommer-i-Skagen-2026';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Person {
  authenticator: Authenticator;
  auth: Authentication;
}

/** `inFlight` loops calling `op` until `ms` have passed; the latencies of every call. */
async function saturate(
  inFlight: number,
  ms: number,
  op: (worker: number, n: number) => Promise<void>,
): Promise<number[]> {
  const end = performance.now() + ms;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        await op(worker, n);
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

async function openBenchDb(kind: 'sqlite' | 'postgres', dataDir: string): Promise<Database<MitidDb>> {
  if (kind === 'sqlite') return openDatabase<MitidDb>({ url: 'sqlite', dataDir, name: 'mitid' });
  const name = `bench_pw_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  return openDatabase<MitidDb>({ url: PG_URL, dataDir, name, poolSize: 20 });
}

async function dropSchema(schema: string | undefined): Promise<void> {
  if (!schema) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

/** People with an identity and an active password, through the public APIs. */
async function peopleWithPasswords(database: Database<MitidDb>, count: number): Promise<Person[]> {
  const db = database.db;
  const now = Date.now();
  const authenticators = new Authenticators({
    db,
    now: () => now,
    hooks: createHooks(),
    rules: { password: passwordActivationRules },
  });
  const people = new PeopleStore(db);
  const identities = new IdentityStore(db, { nemidReservation: nemidReservation(db) });
  const out: Person[] = [];
  for (let i = 0; i < count; i++) {
    const cpr = `01019${String(10000 + i).slice(-5)}`;
    await people.create(systemClock, {
      cpr,
      givenName: 'Bench',
      familyName: 'Bænk',
      street: 'Vestergade 12',
      postalCode: '1456',
      city: 'København K',
      municipalityCode: '101',
    });
    const identity = await identities.createIdentity(
      { cpr, userId: `bench-pw-${i}`, contacts: [] },
      now,
      randomUUID(),
    );
    const made = await db.transaction().execute((trx) =>
      createPassword(trx, authenticators, {
        identityId: identity.id,
        userId: identity.userId,
        password: PASSWORD,
        now,
      }),
    );
    if (!made.ok) fail(`createPassword refused: ${made.code}`);
    const a = made.ok ? await authenticators.get(made.authenticatorId) : undefined;
    if (!a) fail('the password authenticator is missing');
    out.push({ authenticator: a as Authenticator, auth: { identityId: identity.id } as Authentication });
  }
  return out;
}

export async function run(): Promise<void> {
  const { flags, dbKind, seconds, concurrency, warmupSeconds } = benchFlags({ people: { type: 'string' } });
  const peopleCount = positive(
    'people',
    (flags.people as string | undefined) ?? String(4 * concurrency),
    5000,
  );
  if (peopleCount < concurrency)
    fail('--people must be at least --concurrency (one try per person at a time)');
  const threads = Number(process.env.UV_THREADPOOL_SIZE);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-password-'));
  const database = await openBenchDb(dbKind, dataDir);
  try {
    await migrate(database, mitidMigrations);
    console.log(`making ${peopleCount} people with a password (${dbKind})…`);
    const people = await peopleWithPasswords(database, peopleCount);
    const kind = createPasswordKind(database.db);
    const ctx = { db: database.db, now: () => Date.now() };
    const step = async (worker: number, n: number) => {
      const p = people[(worker + n * concurrency) % people.length] as Person;
      const r = await kind.complete(ctx, p.authenticator, p.auth, { password: PASSWORD });
      if (!r.ok) throw new Error(`the password step refused: ${r.code}`);
    };

    if (warmupSeconds > 0) {
      await argon2Bound(threads, warmupSeconds * 1000);
      await saturate(concurrency, warmupSeconds * 1000, step);
    }
    // Alternated in rounds, so a load that comes and goes on a shared machine falls on both.
    const rounds = 3;
    const slice = (seconds * 1000) / rounds;
    console.log(
      `argon2id bound (${threads} threads, ${2 * threads} in flight) and the password step (${concurrency} workers), ${rounds} rounds of ${(slice / 1000).toFixed(1)} s each…`,
    );
    let boundN = 0;
    let boundMs = 0;
    let stepMs = 0;
    const latencies: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const b = await argon2Bound(threads, slice);
      boundN += b.n;
      boundMs += b.ms;
      const s0 = performance.now();
      latencies.push(...(await saturate(concurrency, slice, step)));
      stepMs += performance.now() - s0;
    }
    const bound = boundN / (boundMs / 1000);
    const perS = latencies.length / (stepMs / 1000);
    latencies.sort((a, b) => a - b);
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    console.log(`  ${latencies.length} steps, p50 ${p50.toFixed(1)} ms`);
    console.log(
      `password_logins: per_s=${perS.toFixed(1)} p99_ms=${p99.toFixed(1)} argon2_bound_per_s=${bound.toFixed(1)} ratio=${(perS / bound).toFixed(3)} scope=password-step db=${dbKind}`,
    );
  } finally {
    await database.close();
    if (dbKind === 'postgres') await dropSchema(database.schema);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
