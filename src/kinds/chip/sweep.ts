/**
 * The chip's sweep hook (src/roots/mitid/sweep.ts composes every module's): registration
 * ceremonies a day past expiry, used or not (a used one's row only kept it from a second use,
 * which its expiry now does). Credentials live as long as their authenticator (CASCADE).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { DAY } from '../../platform/clock.ts';
import type { ChipDb } from './tables.ts';

export async function sweepChip(db: Kysely<MitidDb>, now: number): Promise<Record<string, number>> {
  const res = await db
    .withTables<ChipDb>()
    .deleteFrom('chip_registrations')
    .where('expires_at', '<', now - DAY)
    .executeTakeFirst();
  return { chipRegistrations: Number(res.numDeletedRows) };
}
