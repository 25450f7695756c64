/**
 * The authenticator.activated hook (docs/decisions/0010 §3.5): an enrollment waiting at its
 * activation step ends when the person's first authenticator is activated, in the activation's
 * transaction (a throw here rolls the activation back). Before issue 8 the app selected from
 * `enrollments` itself; now only enrollment writes its table. The root makes the hook with the
 * kind registry (the stored flow is read, and moved, by what the registry offers).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { CoreEvents } from '../../core/events/index.ts';
import { EnrollmentStore, enrollmentFromRow } from './EnrollmentStore.ts';
import type { KindOffers } from './flowStates.ts';

export function onAuthenticatorActivated(
  kinds: KindOffers,
): (trx: Kysely<MitidDb>, e: CoreEvents['authenticator.activated']) => Promise<void> {
  return async (trx, e) => {
    const waiting = await trx
      .selectFrom('enrollments')
      .selectAll()
      .where('identity_id', '=', e.identityId)
      .where('open', '=', 1)
      .executeTakeFirst();
    if (waiting && enrollmentFromRow(waiting, kinds).state.step === 'activation') {
      await new EnrollmentStore(trx, kinds).apply(
        waiting.id,
        waiting.version,
        { type: 'activated' },
        {},
        e.at,
        trx,
      );
    }
  };
}
