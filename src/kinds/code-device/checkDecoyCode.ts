/**
 * A code typed for a decoy device (decision 0014 §3, §4 As built; docs/security.md §11.5): the
 * box's stand-in for a user-ID with no code device. It must answer as a real device answers a
 * stranger's wrong codes, in the same order (2 left, 1 left, then slowed 60 s, doubling, at most
 * 15 min), or a stranger could tell which user-IDs have a device. So it counts on its own row
 * (code_device_decoys, keyed by the decoy's id) with the same counting SQL as a device's untrusted
 * counter (countAttempt.ts), and takes the same statements as a real wrong code:
 * - counted: one conditional upsert (admitted only while not slowed) + the stock read (of no
 *   serial) + the same HMACs with the fixed seed → code_wrong with the tries left, or code_slowed
 *   when this count slowed it;
 * - slowed: the upsert admits nothing + one read of the lock → code_slowed with its time.
 * A decoy is never right.
 */
import { type Kysely, sql } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { LoginCodeResult } from './checkLoginCode.ts';
import { DECOY_SECRET } from './checkLoginCode.ts';
import { countedColumns, leftAfter } from './countAttempt.ts';
import { matchStep } from './totp.ts';

const T = 'code_device_decoys';

export async function checkDecoyCode(
  db: Kysely<MitidDb>,
  input: { decoyId: string; code: string; now: number },
): Promise<Exclude<LoginCodeResult, { ok: true }>> {
  const { decoyId, code, now } = input;
  // Qualified: in an upsert's SET, PostgreSQL would find a bare column ambiguous with `excluded`.
  const c = countedColumns(
    { failures: `${T}.failures`, rounds: `${T}.rounds`, blockedUntil: `${T}.blocked_until` },
    now,
  );
  const counted = await db
    .insertInto(T)
    .values({ decoy_id: decoyId, failures: 1, rounds: 0, blocked_until: null })
    .onConflict((oc) =>
      oc
        .column('decoy_id')
        .doUpdateSet({ failures: c.failures, rounds: c.rounds, blocked_until: c.blockedUntil })
        .where(sql<boolean>`coalesce(${sql.raw(`${T}.blocked_until`)}, 0) <= ${now}`),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirst();

  if (!counted) {
    const lock = await db
      .selectFrom(T)
      .select('blocked_until')
      .where('decoy_id', '=', decoyId)
      .executeTakeFirst();
    matchStep(DECOY_SECRET, code, now, 0, null);
    const until = lock?.blocked_until == null ? now : Number(lock.blocked_until);
    return { ok: false, code: 'code_slowed', until };
  }

  // The read a real wrong code makes (its seed), of a serial no device has.
  await db.selectFrom('code_device_stock').select('secret').where('serial', '=', '').executeTakeFirst();
  matchStep(DECOY_SECRET, code, now, 0, null);
  const until = counted.blocked_until === null ? null : Number(counted.blocked_until);
  if (until !== null && until > now) return { ok: false, code: 'code_slowed', until };
  return { ok: false, code: 'code_wrong', left: leftAfter(Number(counted.failures)) };
}
