/** The chip's sweep, on both databases: ceremonies a day past expiry go; younger ones and chips stay. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, MINUTE } from '../../platform/clock.ts';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { type ChipDb, sweepChip } from './index.ts';
import { withChipKit } from './testing/index.ts';

for (const dialect of await dialectsUnderTest()) {
  test(`${dialect}: ceremonies a day past expiry are swept, the chip stays`, async () => {
    await withChipKit(dialect, 1, async (k) => {
      const id = k.identityIds[0] ?? '';
      await k.register(0);
      k.clock.advance(DAY);
      await k.registration.registrationOptions({ identityId: id, userId: 'u', displayName: 'T' });
      const now = k.clock.now().getTime();
      assert.deepEqual(await sweepChip(k.db, now), { chipRegistrations: 0 });
      assert.deepEqual(await sweepChip(k.db, now + 6 * MINUTE), { chipRegistrations: 1 });
      const db = k.db.withTables<ChipDb>();
      assert.equal((await db.selectFrom('chip_registrations').selectAll().execute()).length, 1);
      assert.equal((await db.selectFrom('chip_credentials').selectAll().execute()).length, 1);
    });
  });
}
