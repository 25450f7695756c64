/**
 * The TOTP window's properties (decision 0014 §3), over random seeds and times: a code inside the
 * window is accepted (once), outside refused; a device whose clock runs fast or slow over months
 * is followed when used now and then; a step at or before the last accepted one never passes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hotp, matchStep, PERIOD_S, stepAt, WINDOW_AFTER, WINDOW_BEFORE } from './totp.ts';

const seed = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((a) => Buffer.from(a));
const moment = fc.integer({ min: 1_700_000_000_000, max: 2_000_000_000_000 });
const DAY = 86_400_000;

/** Whether `code` is shown by one step only of the window around now + drift (else TOTP itself
 *  cannot tell the steps apart, p ≈ 3·10⁻⁶: such a case says nothing and is skipped). */
function alone(s: Buffer, code: string, now: number, drift: number): boolean {
  const e = stepAt(now) + drift;
  let n = 0;
  for (let step = e - WINDOW_BEFORE; step <= e + WINDOW_AFTER; step++) if (hotp(s, step) === code) n++;
  return n <= 1;
}

test('inside the window a code is accepted for its own step; outside it is refused', () => {
  fc.assert(
    fc.property(
      seed,
      moment,
      fc.integer({ min: -20, max: 20 }),
      fc.integer({ min: -40, max: 40 }),
      (s, now, drift, off) => {
        const expected = stepAt(now) + drift;
        const code = hotp(s, expected + off);
        const found = matchStep(s, code, now, drift, null);
        if (off >= -WINDOW_BEFORE && off <= WINDOW_AFTER) assert.equal(found, expected + off);
        else if (found !== undefined) {
          // Only another step of the window that happens to show the same 6 digits (p ≈ 4·10⁻⁶).
          assert.ok(found >= expected - WINDOW_BEFORE && found <= expected + WINDOW_AFTER);
          assert.equal(hotp(s, found), code);
        }
      },
    ),
  );
});

test('a replay, or any step at or before the last accepted, is never accepted', () => {
  fc.assert(
    fc.property(
      seed,
      moment,
      fc.integer({ min: -WINDOW_BEFORE, max: WINDOW_AFTER }),
      fc.nat(3),
      (s, now, off, back) => {
        const step = stepAt(now) + off;
        fc.pre(alone(s, hotp(s, step), now, 0));
        const accepted = matchStep(s, hotp(s, step), now, 0, null);
        assert.equal(accepted, step);
        const replay = matchStep(s, hotp(s, step - back), now, 0, step);
        if (replay !== undefined)
          assert.ok(replay > step, 'only a later step of the window with the same digits');
      },
    ),
  );
});

test('a device clock running fast or slow over months is followed, use after use', () => {
  fc.assert(
    fc.property(
      seed,
      moment,
      // Each use: days since the last one, and how far the device's clock moved against ours meanwhile.
      fc.array(fc.record({ days: fc.integer({ min: 1, max: 45 }), moved: fc.integer({ min: -2, max: 1 }) }), {
        minLength: 1,
        maxLength: 40,
      }),
      (s, start, uses) => {
        let now = start;
        let deviceOffset = 0; // steps the device is ahead of us
        let drift = 0;
        let last: number | null = null;
        for (const use of uses) {
          now += use.days * DAY + 7_000;
          deviceOffset += use.moved;
          const shown = hotp(s, stepAt(now) + deviceOffset);
          if (!alone(s, shown, now, drift)) return;
          const step = matchStep(s, shown, now, drift, last);
          assert.notEqual(step, undefined, `offset ${deviceOffset}, drift ${drift}`);
          if (step === undefined) return;
          drift = step - stepAt(now);
          last = step;
        }
        // After months the server's drift is the device's offset.
        assert.equal(drift, deviceOffset);
      },
    ),
  );
});

test('typed a few seconds late (the code read in one step, sent in the next): accepted', () => {
  fc.assert(
    fc.property(seed, moment, fc.integer({ min: 0, max: 2 * PERIOD_S - 1 }), (s, now, late) => {
      const shown = hotp(s, stepAt(now));
      fc.pre(alone(s, shown, now + late * 1000, 0));
      assert.equal(matchStep(s, shown, now + late * 1000, 0, null), stepAt(now));
    }),
  );
});
