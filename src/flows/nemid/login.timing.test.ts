/**
 * Timing: a wrong password for a known user-ID and any password for an unknown one take the same
 * time (the same work: the gate's read, one Argon2id verification — a dummy one for the unknown
 * user-ID — and the same counter updates), so user-IDs cannot be found by timing.
 *
 * Samples are taken in pairs, in process (app.inject), in alternating order, so load on the
 * machine hits both alike; the test compares the median of the paired differences with a
 * tolerance derived from their spread (4 standard errors of the median, from the MAD). It takes
 * pairs in batches of 150 (up to 600) until that tolerance is below a third of one Argon2id
 * verification, and fails if it never gets below half: leaving the dummy verification out makes
 * the difference one whole verification, which it then cannot miss.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import { ANNA, csrfOf, type Harness, startHarness, type TestBrowser } from './testing/nemidHarness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

let n = 0;
/** One timed POST of the password form (the page load before it is not timed). */
async function timedPost(b: TestBrowser, path: string, userId: string): Promise<number> {
  // Each request from its own address: the per-address counters and limits stay out of the way.
  n++;
  b.address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const csrf = csrfOf((await b.get(path)).body);
  const form = { _csrf: csrf, step: 'password', userId, password: 'Forkert-2026' };
  const t0 = performance.now();
  const res = await b.post(path, form);
  const ms = performance.now() - t0;
  assert.equal(res.statusCode, 400, 'a wrong-credentials answer, not a slowed-down one');
  return ms;
}

test('unknown user-ID and wrong password take the same time (paired, interleaved, robust)', async (t) => {
  const knownBrowser = h.browser();
  const unknownBrowser = h.browser();
  const knownPath = await knownBrowser.startLogin();
  const unknownPath = await unknownBrowser.startLogin();
  const warmUp = 10;
  const batch = 150;
  const maxPairs = 600;
  const known: number[] = [];
  const diffs: number[] = [];
  let stats = { d: 0, tolerance: Number.POSITIVE_INFINITY, oneVerification: 0 };
  for (let i = 0; diffs.length < maxPairs; i++) {
    // Anna's user-ID counter would slow her down after 5: every pair starts from no counters.
    await h.database.db.deleteFrom('nemid_attempt_counters').execute();
    const unknownId = `ukendt${100000 + i}`;
    let k: number;
    let u: number;
    if (i % 2 === 0) {
      k = await timedPost(knownBrowser, knownPath, ANNA.userId);
      u = await timedPost(unknownBrowser, unknownPath, unknownId);
    } else {
      u = await timedPost(unknownBrowser, unknownPath, unknownId);
      k = await timedPost(knownBrowser, knownPath, ANNA.userId);
    }
    if (i < warmUp) continue;
    known.push(k);
    diffs.push(k - u);
    if (diffs.length % batch !== 0) continue;
    const d = median(diffs);
    const mad = median(diffs.map((x) => Math.abs(x - d)));
    // Standard error of a median ≈ 1.253·σ/√n, σ ≈ 1.4826·MAD; a floor of 0.5 ms on a quiet machine.
    stats = {
      d,
      tolerance: Math.max(4 * ((1.253 * 1.4826 * mad) / Math.sqrt(diffs.length)), 0.5),
      oneVerification: median(known),
    };
    // Enough pairs once the tolerance is well below one verification (a noisy machine needs more).
    if (stats.tolerance < stats.oneVerification / 3) break;
  }
  const { d, tolerance, oneVerification } = stats;
  const report = `${diffs.length} pairs: median difference ${d.toFixed(2)} ms, tolerance ${tolerance.toFixed(2)} ms, median known ${oneVerification.toFixed(1)} ms`;
  t.diagnostic(report);
  assert.ok(Math.abs(d) <= tolerance, `known and unknown differ: ${report}`);
  assert.ok(tolerance < oneVerification / 2, `too noisy to see a missing verification: ${report}`);
});
