import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { cryptoRandom } from '../../platform/random.ts';
import { copenhagenDate, isWeekday } from '../../platform/time/copenhagenTime.ts';
import { demoOffices } from './demoOffices.ts';
import { seedOffices, slotStarts } from './seedOffices.ts';
import { firstFreeSlot, withOrders } from './testing/withOrders.ts';

const localTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// The clock stands at Tuesday 24 November 2026, 10:00 in Copenhagen. The next 21 days hold 15
// weekdays; today keeps the 9 slots after 10:00 (10:30 to 14:30), the other 14 days 12 each.
const slotsPerOffice = 9 + 14 * 12;

test('slot starts: weekdays, 09:00 to 14:30 Copenhagen time every 30 minutes, only in the future', () => {
  const now = Date.parse('2026-11-24T09:00:00Z');
  const starts = slotStarts(now);
  assert.equal(starts.length, slotsPerOffice);
  assert.ok(starts.every((s) => s > now));
  assert.ok(starts.every((s) => isWeekday(copenhagenDate(s))));
  const times = new Set(starts.map((s) => localTime.format(s)));
  assert.deepEqual([...times].sort(), [
    '09:00',
    '09:30',
    '10:00',
    '10:30',
    '11:00',
    '11:30',
    '12:00',
    '12:30',
    '13:00',
    '13:30',
    '14:00',
    '14:30',
  ]);
  assert.equal(localTime.format(starts[0] ?? 0), '10:30');
  assert.deepEqual(copenhagenDate(starts.at(-1) ?? 0), { year: 2026, month: 12, day: 14 });
});

for (const dialect of await dialectsUnderTest()) {
  describe(`seeding Borgerservice offices on ${dialect}`, () => {
    test('one office in each demo municipality, with its slots', () =>
      withOrders(
        dialect,
        async ({ orders, deps }) => {
          const first = await seedOffices(deps.db, deps.clock, deps.random);
          assert.deepEqual(first, {
            offices: demoOffices.length,
            slots: demoOffices.length * slotsPerOffice,
          });
          for (const code of ['101', '751', '461', '851']) {
            const offices = await orders.listOffices(code);
            assert.equal(offices.length, 1, code);
            assert.equal(offices[0]?.municipalityCode, code);
            assert.match(offices[0]?.name ?? '', /^Borgerservice /);
          }
          const kbh = (await orders.listOffices('101'))[0];
          assert.deepEqual(kbh, {
            id: 'bs-101',
            municipalityCode: '101',
            name: 'Borgerservice København',
            street: 'Rådhuspladsen 1',
            postalCode: '1550',
            city: 'København V',
          });
          assert.equal((await orders.listOffices()).length, demoOffices.length);
          assert.deepEqual(await orders.listOffices('999'), []);
        },
        { seed: false },
      ));

    test('seeding again adds nothing and keeps the bookings', () =>
      withOrders(dialect, async (kit) => {
        const slotId = await firstFreeSlot(kit);
        assert.equal((await kit.orders.bookSlot(slotId)).ok, true);
        assert.deepEqual(await seedOffices(kit.deps.db, kit.clock, cryptoRandom), { offices: 0, slots: 0 });
        assert.deepEqual(await kit.orders.seedOffices(), { offices: 0, slots: 0 });
        assert.equal((await kit.orders.getSlot(slotId))?.booked, 1);
        const count = await kit.database.db
          .selectFrom('office_slots')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), demoOffices.length * slotsPerOffice);
      }));

    test('seeding on a later day extends the window', () =>
      withOrders(dialect, async (kit) => {
        kit.clock.advance(7 * 86_400_000); // Tuesday 1 December: 5 more weekdays at the end
        const again = await kit.orders.seedOffices();
        assert.deepEqual(again, { offices: 0, slots: demoOffices.length * 5 * 12 });
      }));

    test('two seedings at once insert each slot once', () =>
      withOrders(
        dialect,
        async ({ deps, database }) => {
          const results = await Promise.all(
            [1, 2, 3].map(() => seedOffices(deps.db, deps.clock, deps.random)),
          );
          assert.equal(
            results.reduce((n, r) => n + r.slots, 0),
            demoOffices.length * slotsPerOffice,
          );
          const count = await database.db
            .selectFrom('office_slots')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow();
          assert.equal(Number(count.n), demoOffices.length * slotsPerOffice);
        },
        { seed: false },
      ));
  });
}
