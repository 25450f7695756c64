/**
 * The MitID password under load (decision 0014 §7), beside the bound Argon2id sets on it.
 *
 * What it measures today, in one process and one run, one after the other (never at the same
 * time: the machine's cores are shared):
 *   1. the Argon2id bound: verifications per second at the password's parameters (m=19456 KiB,
 *      t=2, p=1, @node-rs/argon2), twice as many in flight as libuv has threads (set to the
 *      machine's cores before anything starts);
 *   2. the password step: --concurrency workers each completing the password kind's step
 *      (createPasswordKind().complete, the right password: the counting UPDATE, the
 *      verification, the clearing UPDATE) for people made through the public APIs (PeopleStore,
 *      IdentityStore, createPassword with Authenticators), on SQLite or PostgreSQL;
 *   the two alternate in 3 rounds that share --seconds each, so a load that comes and goes on a
 *   shared machine falls on both.
 * The full login through the box with a code device and the password (authorize → user-ID →
 * code → password → token) needs the box's code and password steps (wp-box): until they are
 * merged this bench measures the password step, the part Argon2 bounds, and says so in its
 * last line (scope=password-step).
 *
 * Run: npm run bench -- password-logins [--db sqlite|postgres] [--seconds 10] [--concurrency 16]
 *        [--people <n>] [--warmup 2]
 * The last line:
 *   password_logins: per_s=… p99_ms=… argon2_bound_per_s=… ratio=… scope=password-step db=…
 */
import { availableParallelism } from 'node:os';

// Before libuv's pool starts: one thread per core, so the bound and the step use every core.
process.env.UV_THREADPOOL_SIZE ??= String(availableParallelism());
const main = await import('./tools/passwordBench.ts');
await main.run();
