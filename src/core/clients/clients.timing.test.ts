/**
 * Timing: authenticating a known client with a wrong secret and an unknown client id take the
 * same time (the same work: the HMAC of the presented secret, one constant-time compare — with a
 * dummy hash for the unknown id — and no database read: a miss's read is started after the
 * answer), so client ids cannot be found by timing.
 *
 * In the style of login.timing.test.ts: samples in pairs, in alternating order, each sample a
 * batch of BATCH calls (one call is a few microseconds); the median of the paired differences is
 * compared with a tolerance of 4 standard errors of the median (from the MAD). Before every pair
 * the clock moves a second on, so the unknown id's first call is one that may start a read.
 * Pairs are taken in rounds of 150 (up to 900) until the tolerance is below a third of a batch of
 * HMACs, and the test fails if it never gets below half: leaving the HMAC or the dummy compare out
 * for unknown ids, or waiting for the read, then shows.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { clientSecretMac } from './clientSecretHash.ts';
import { BANK_SECRET, openClientsKit } from './testing/index.ts';

const BATCH = 20;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

test('a wrong secret for a known client and any secret for an unknown one take the same time', async (t) => {
  const k = await openClientsKit('sqlite');
  try {
    const r = k.registry;
    const wrong = `${BANK_SECRET}-but-wrong`;
    let n = 0;
    // Every id is a fresh, flat string of seven characters made before the timed part, as a
    // request's parsed id is: a literal (interned, its hash cached) or a template string (a
    // rope, flattened and hashed at first use) would time the test's strings, not the registry.
    const fresh = (s: string): string => Buffer.from(s, 'latin1').toString('latin1');
    const timed = async (id: () => string): Promise<number> => {
      const ids = Array.from({ length: BATCH }, () => fresh(id()));
      const t0 = performance.now();
      for (const presented of ids) {
        assert.equal(await r.authenticate(presented, wrong, 'approvals.create'), undefined);
      }
      return performance.now() - t0;
    };
    const known = () => 'minbank';
    const unknown = () => `mb${String(++n).padStart(5, '0')}`;
    const hmacs = (): number => {
      const t0 = performance.now();
      for (let i = 0; i < BATCH; i++) clientSecretMac(k.key, 'minbank', wrong);
      return performance.now() - t0;
    };
    const warmUp = 20;
    const round = 150;
    const maxPairs = 900;
    const diffs: number[] = [];
    const refs: number[] = [];
    let stats = { d: 0, tolerance: Number.POSITIVE_INFINITY, batchOfHmacs: 0 };
    for (let i = 0; diffs.length < maxPairs; i++) {
      k.clock.advance(1000);
      let a: number;
      let b: number;
      if (i % 2 === 0) {
        a = await timed(known);
        b = await timed(unknown);
      } else {
        b = await timed(unknown);
        a = await timed(known);
      }
      const ref = hmacs();
      // Let the read the miss started finish outside the timed part.
      await new Promise((resolve) => setImmediate(resolve));
      await r.reload();
      if (i < warmUp) continue;
      diffs.push(a - b);
      refs.push(ref);
      if (diffs.length % round !== 0) continue;
      const d = median(diffs);
      const mad = median(diffs.map((x) => Math.abs(x - d)));
      stats = {
        d,
        tolerance: 4 * ((1.253 * 1.4826 * mad) / Math.sqrt(diffs.length)),
        batchOfHmacs: median(refs),
      };
      if (stats.tolerance < stats.batchOfHmacs / 3) break;
    }
    const { d, tolerance, batchOfHmacs } = stats;
    const report = `${diffs.length} pairs of ${BATCH} calls: median difference ${(d * 1000).toFixed(1)} µs, tolerance ${(tolerance * 1000).toFixed(1)} µs, ${BATCH} HMACs ${(batchOfHmacs * 1000).toFixed(1)} µs`;
    t.diagnostic(report);
    assert.ok(Math.abs(d) <= tolerance, `known and unknown differ: ${report}`);
    assert.ok(tolerance < batchOfHmacs / 2, `too noisy to see a missing HMAC: ${report}`);
  } finally {
    await k.close();
  }
});
