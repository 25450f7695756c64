/**
 * The user-ID step must say when a user-ID is taken (or reserved as another person's NemID
 * user-ID): the person has to choose another. That answer is an oracle of which user-IDs exist,
 * open only to a person logged in with NemID (and, on the bank route, vouched for by a bank).
 * Rules:
 * - every user-ID that passes the rules and is checked against other people's counts, before the
 *   check, in the database (table `user_id_checks`, one conditional upsert: every node sees it,
 *   parallel posts cannot pass the limit);
 * - 20 per enrollment; then the step checks no more and says to call MitID Support. A person has
 *   one open enrollment, living 7 days after its last step: at most 20 probes a person a week,
 *   each tied to a real, identified person (docs/security.md).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';

export const USER_ID_CHECKS_PER_ENROLLMENT = 20;

/** Counts one check for the enrollment; false when it has had all of its checks. */
export async function countUserIdCheck(
  db: Kysely<MitidDb>,
  enrollmentId: string,
  now: number,
): Promise<boolean> {
  const row = await db
    .insertInto('user_id_checks')
    .values({ enrollment_id: enrollmentId, checks: 1, updated_at: now })
    .onConflict((oc) =>
      oc
        .column('enrollment_id')
        .doUpdateSet((eb) => ({ checks: eb('user_id_checks.checks', '+', 1), updated_at: now }))
        .where('user_id_checks.checks', '<', USER_ID_CHECKS_PER_ENROLLMENT),
    )
    .returning('checks')
    .executeTakeFirst();
  return row !== undefined;
}
