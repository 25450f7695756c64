/**
 * Which identity a user-ID at step 1 names, if it may activate the app (MitID pending activation
 * or active; not blocked, revoked or unknown). One indexed SELECT of two columns whether or not
 * the user-ID exists, and nothing more: its contacts are read only once a code has verified, so
 * step 1 does the same work for every user-ID (docs/security.md).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import { normaliseUserId } from '../../../core/identity/index.ts';

export async function activatableIdentityId(
  db: Kysely<MitidDb>,
  userId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('identities')
    .select(['id', 'status'])
    .where('user_id_norm', '=', normaliseUserId(userId))
    .executeTakeFirst();
  return row && (row.status === 'pending_activation' || row.status === 'active') ? row.id : undefined;
}
