import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Random } from '../../platform/random.ts';
import { randomCpr } from './randomCpr.ts';
import { validateCpr } from './validateCpr.ts';

/** A Random driven by fast-check, so the property explores the generator's choices. */
const seededRandom = (ints: number[], digits: string): Random => {
  let i = 0;
  return {
    token: () => 'x',
    digits: (n) => digits.slice(0, n).padEnd(n, '0'),
    int: (min, max) => min + ((ints[i++ % ints.length] ?? 0) % (max - min)),
  };
};

test('randomCpr gives a valid CPR with a birth year in the asked range', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
      fc.stringMatching(/^\d{3}$/),
      fc.integer({ min: 1858, max: 2057 }),
      fc.integer({ min: 0, max: 60 }),
      (ints, digits, fromYear, span) => {
        const toYear = Math.min(2057, fromYear + span);
        const cpr = randomCpr(seededRandom(ints, digits), { fromYear, toYear });
        const r = validateCpr(cpr);
        assert.ok(r.ok, cpr);
        const year = Number(r.birthDate.slice(0, 4));
        assert.ok(year >= fromYear && year <= toYear, `${cpr} → ${year}`);
      },
    ),
  );
});

test('randomCpr refuses years CPR cannot express', () => {
  assert.throws(() => randomCpr(seededRandom([0], '000'), { fromYear: 1800 }), RangeError);
});
