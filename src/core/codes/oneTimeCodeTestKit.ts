/** Test helpers for one-time codes: a database per test, a frozen clock, scripted codes. */

import { TestClock } from '../../platform/clock.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../platform/db/testDb.ts';
import { cryptoRandom, type Random } from '../../platform/random.ts';
import { mitidMigrations } from '../../roots/mitid/db/migrations.ts';
import type { MitidDb } from '../db/index.ts';
import { deriveCodeKey, OneTimeCodes } from './oneTimeCode.ts';

/** A Random whose digits() hands out `codes` in order, then random ones. */
export function scriptedRandom(codes: string[]): Random {
  const queue = [...codes];
  return { ...cryptoRandom, digits: (n) => queue.shift() ?? cryptoRandom.digits(n) };
}

export interface CodeKit {
  codes: OneTimeCodes;
  clock: TestClock;
  database: TestDatabase<MitidDb>;
}

export async function withCodes(
  dialect: Dialect,
  scripted: string[],
  body: (kit: CodeKit) => Promise<void>,
): Promise<void> {
  const database = await openTestDatabase<MitidDb>(dialect, mitidMigrations);
  try {
    const clock = new TestClock();
    const key = deriveCodeKey('a test secret that is at least 32 characters long');
    const codes = new OneTimeCodes({ db: database.db, clock, random: scriptedRandom(scripted), key });
    await body({ codes, clock, database });
  } finally {
    await database.close();
  }
}
