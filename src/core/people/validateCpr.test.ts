import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validateCpr } from './validateCpr.ts';

// An independent statement of the century table (not the code under test).
const centuryTable: { digits: number[]; fromYy: number; toYy: number; century: number }[] = [
  { digits: [0, 1, 2, 3], fromYy: 0, toYy: 99, century: 1900 },
  { digits: [4, 9], fromYy: 0, toYy: 36, century: 2000 },
  { digits: [4, 9], fromYy: 37, toYy: 99, century: 1900 },
  { digits: [5, 6, 7, 8], fromYy: 0, toYy: 57, century: 2000 },
  { digits: [5, 6, 7, 8], fromYy: 58, toYy: 99, century: 1800 },
];

const allowedSeventh = (year: number): number[] =>
  centuryTable
    .filter((r) => r.century === year - (year % 100) && year % 100 >= r.fromYy && year % 100 <= r.toYy)
    .flatMap((r) => r.digits);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A birth date CPR can express (1858-01-01 … 2057-12-31) and a serial whose 7th digit fits it. */
const validCpr = fc
  .integer({ min: Date.UTC(1858, 0, 1) / 86_400_000, max: Date.UTC(2057, 11, 31) / 86_400_000 })
  .chain((dayNo) => {
    const d = new Date(dayNo * 86_400_000);
    const year = d.getUTCFullYear();
    return fc.record({
      year: fc.constant(year),
      month: fc.constant(d.getUTCMonth() + 1),
      day: fc.constant(d.getUTCDate()),
      seventh: fc.constantFrom(...allowedSeventh(year)),
      rest: fc.integer({ min: 0, max: 999 }),
    });
  });

test('every valid date and serial round-trips, with and without the dash', () => {
  fc.assert(
    fc.property(validCpr, ({ year, month, day, seventh, rest }) => {
      const six = `${pad(day)}${pad(month)}${pad(year % 100)}`;
      const serial = `${seventh}${pad(rest, 3)}`;
      const expected = { ok: true, cpr: `${six}${serial}`, birthDate: `${year}-${pad(month)}-${pad(day)}` };
      assert.deepEqual(validateCpr(`${six}${serial}`), expected);
      assert.deepEqual(validateCpr(`${six}-${serial}`), expected);
      assert.deepEqual(validateCpr(` ${six}-${serial} `), expected);
    }),
  );
});

test('whatever ten digits it accepts, the birth date is real and matches the digits', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^\d{10}$/), (digits) => {
      const r = validateCpr(digits);
      if (!r.ok) return assert.equal(r.reason, 'date');
      const [y, m, d] = r.birthDate.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      assert.equal(date.getUTCDate(), d);
      assert.equal(date.getUTCMonth() + 1, m);
      assert.equal(`${pad(d)}${pad(m)}${pad(y % 100)}`, digits.slice(0, 6));
      assert.ok(allowedSeventh(y).includes(Number(digits[6])));
    }),
  );
});

test('dates that do not exist are rejected', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 32, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.stringMatching(/^\d{6}$/),
      (day, month, rest) => {
        const r = validateCpr(`${pad(day)}${pad(month)}${rest}`);
        assert.deepEqual(r, { ok: false, reason: 'date' });
      },
    ),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom(0, 13, 20, 45, 99),
      fc.stringMatching(/^\d{6}$/),
      (day, month, rest) => {
        assert.deepEqual(validateCpr(`${pad(day)}${pad(month)}${rest}`), { ok: false, reason: 'date' });
      },
    ),
  );
  for (const cpr of ['3104901234', '3106901234', '0000001234', '3102001234']) {
    assert.deepEqual(validateCpr(cpr), { ok: false, reason: 'date' }, cpr);
  }
});

test('29 February follows the leap years of the century the 7th digit gives', () => {
  const cases: [string, string | null][] = [
    ['2902004123', '2000-02-29'], // 4, YY ≤ 36 → 2000, a leap year
    ['2902000123', null], // 0 → 1900, not a leap year
    ['2902014123', null], // 2001
    ['2902965123', '1896-02-29'], // 5, YY ≥ 58 → 1800s
    ['2902565123', '2056-02-29'], // 5, YY ≤ 57 → 2000s
    ['2902575123', null], // 2057
  ];
  for (const [cpr, birthDate] of cases) {
    const expected = birthDate ? { ok: true, cpr, birthDate } : { ok: false, reason: 'date' };
    assert.deepEqual(validateCpr(cpr), expected, cpr);
  }
});

test('anything but DDMMYYSSSS or DDMMYY-SSSS is a format error; empty input is required', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 14 }), (s) => {
      if (/^\s*\d{6}-?\d{4}\s*$/.test(s)) return;
      const r = validateCpr(s);
      assert.deepEqual(r, { ok: false, reason: s.trim() === '' ? 'required' : 'format' });
    }),
  );
  for (const s of [
    '010190 1234',
    '010190--1234',
    '01019-01234',
    '0101901234x',
    '１０１９０１２３４',
    '01.01.90-1234',
  ]) {
    assert.equal(validateCpr(s).ok, false, s);
  }
});
