/**
 * Whole MitID password logins under load (decision 0014 §7), beside the bound Argon2id sets on them.
 *
 * In one run, one after the other (never at the same time: the machine's cores are shared):
 *   1. the Argon2id bound: verifications per second at the password's parameters (m=19456 KiB,
 *      t=2, p=1, @node-rs/argon2) in this process, twice as many in flight as libuv has threads
 *      (UV_THREADPOOL_SIZE, set to the machine's cores before anything starts; the service gets
 *      the same);
 *   2. whole logins against the MitID service as its own process (bench/tools/mitidBench.ts:
 *      a fresh data folder, SQLite or a fresh PostgreSQL database, a CLIENTS_FILE with one
 *      client_secret_basic client), --concurrency workers, each login a fresh browser from its
 *      own loopback address: authorize (PKCE S256, state, nonce) → the box → "kodeviser" as the
 *      method → the user-ID → the device's current code (TOTP computed from the seed this bench
 *      kept when it made the stock) → the password → the redirects to the callback → the token
 *      exchange, the ID token's nonce, aud and iss checked.
 *   The two alternate in 3 rounds that share --seconds each, so a load that comes and goes on a
 *   shared machine falls on both.
 * The people (--people, default max(300, 25 × concurrency)) are made in the service's database
 * as the device-activation wizard leaves them: a demo batch imported through PSKC, each device
 * reserved for an order, verified with its code and bound, the password by createPassword, the
 * identity active. A code is accepted once per 30-s step and the box slows a user-ID's 6th start
 * in 15 minutes, so the bench waits for the step after the activations and then rotates: a person
 * logs in at most once a step and 5 times a run (too few people: the run fails and says so).
 * It also prints where a login's wall time goes (per phase) and the service's CPU per login.
 *
 * Run: npm run bench -- password-logins [--db sqlite|postgres] [--seconds 10] [--concurrency 16]
 *        [--people <n>] [--warmup 2] [--log-level info] [--cpu-prof <dir>] [--server-root <dir>]
 * The last line:
 *   password_logins: per_s=… p99_ms=… argon2_bound_per_s=… ratio=… scope=login db=…
 */
import { availableParallelism } from 'node:os';

// Before libuv's pool starts: one thread per core, so the bound and the step use every core.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism());
const main = await import('./tools/passwordBench.ts');
await main.run();
