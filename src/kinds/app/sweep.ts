/**
 * The app kind's sweep hook (src/roots/mitid/sweep.ts composes every module's): activation flows a
 * day past expiry, and signed requests once they could no longer pass the clock check anyway.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { DAY } from '../../platform/clock.ts';
import { ActivationStore } from './server/ActivationStore.ts';

export async function sweepApp(db: Kysely<MitidDb>, now: number): Promise<Record<string, number>> {
  return {
    appActivations: await new ActivationStore(db).purgeExpired(now - DAY),
    signedRequests: Number(
      (await db.deleteFrom('app_signed_requests').where('expires_at', '<', now).executeTakeFirst())
        .numDeletedRows,
    ),
  };
}
