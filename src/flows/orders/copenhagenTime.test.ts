import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, copenhagenDate, copenhagenEpoch, isWeekday } from '../../platform/time/copenhagenTime.ts';

test('09:00 in Copenhagen is 08:00 UTC in winter and 07:00 UTC in summer', () => {
  assert.equal(
    new Date(copenhagenEpoch({ year: 2026, month: 12, day: 8 }, 9, 0)).toISOString(),
    '2026-12-08T08:00:00.000Z',
  );
  assert.equal(
    new Date(copenhagenEpoch({ year: 2026, month: 6, day: 15 }, 9, 30)).toISOString(),
    '2026-06-15T07:30:00.000Z',
  );
});

test('office hours on the days summer time begins and ends', () => {
  // 29 March 2026 and 25 October 2026 are Sundays; the Mondays after are plain days.
  assert.equal(
    new Date(copenhagenEpoch({ year: 2026, month: 3, day: 30 }, 9, 0)).toISOString(),
    '2026-03-30T07:00:00.000Z',
  );
  assert.equal(
    new Date(copenhagenEpoch({ year: 2026, month: 3, day: 27 }, 9, 0)).toISOString(),
    '2026-03-27T08:00:00.000Z',
  );
  assert.equal(
    new Date(copenhagenEpoch({ year: 2026, month: 10, day: 26 }, 9, 0)).toISOString(),
    '2026-10-26T08:00:00.000Z',
  );
});

test('the Copenhagen date turns at local midnight, not at UTC midnight', () => {
  assert.deepEqual(copenhagenDate(Date.parse('2026-11-24T23:30:00Z')), { year: 2026, month: 11, day: 25 });
  assert.deepEqual(copenhagenDate(Date.parse('2026-11-24T22:30:00Z')), { year: 2026, month: 11, day: 24 });
});

test('addDays crosses months and years; weekdays are Monday to Friday', () => {
  assert.deepEqual(addDays({ year: 2026, month: 12, day: 30 }, 3), { year: 2027, month: 1, day: 2 });
  assert.equal(isWeekday({ year: 2026, month: 11, day: 27 }), true); // Friday
  assert.equal(isWeekday({ year: 2026, month: 11, day: 28 }), false); // Saturday
  assert.equal(isWeekday({ year: 2026, month: 11, day: 29 }), false); // Sunday
  assert.equal(isWeekday({ year: 2026, month: 11, day: 30 }), true); // Monday
});
