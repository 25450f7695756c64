/**
 * Removes what can no longer be used: expired sessions, NemID login flows and one-time codes
 * (kept a day past expiry, so a late attempt still hears "expired" rather than "not found"), and
 * the app's signed requests once they could no longer pass the clock check anyway, rate counters
 * whose window has ended, and NemID attempt counters quiet for a day with no lock left.
 */

import type { ServiceDeps } from '../../config/deps.ts';
import { OneTimeCodes } from '../../core/codes/oneTimeCode.ts';
import type { MitidDb } from '../../core/db/schema.ts';
import { AttemptCounterStore } from '../../flows/nemid/attemptCounters.ts';
import { NemidLoginStore } from '../../flows/nemid/loginStore.ts';
import { ActivationStore } from '../../kinds/app/server/ActivationStore.ts';
import { DAY } from '../../platform/clock.ts';
import { RateCounters } from '../../platform/http/RateCounters.ts';
import { SessionStore } from '../../platform/http/session.ts';

export async function sweepMitid(deps: ServiceDeps<MitidDb>): Promise<Record<string, number>> {
  const now = deps.clock.now().getTime();
  return {
    sessions: await new SessionStore(deps.db).purgeExpired(now),
    nemidLogins: await new NemidLoginStore(deps.db).purgeExpired(now),
    // The key only matters for creating and checking codes; deleting by expiry needs none.
    oneTimeCodes: await new OneTimeCodes({
      db: deps.db,
      clock: deps.clock,
      random: deps.random,
      key: Buffer.alloc(32),
    }).purgeExpired(now - DAY),
    appActivations: await new ActivationStore(deps.db).purgeExpired(now - DAY),
    signedRequests: Number(
      (await deps.db.deleteFrom('app_signed_requests').where('expires_at', '<', now).executeTakeFirst())
        .numDeletedRows,
    ),
    rateCounters: await new RateCounters(deps.db).purgeExpired(now),
    nemidAttemptCounters: await new AttemptCounterStore(deps.db).purge(now),
  };
}
