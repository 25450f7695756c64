/**
 * Removes what can no longer be used: each module's sweep hook (its index.ts exports it) and the
 * platform's expired sessions and ended rate-counter windows. What each module removes, and how
 * long it keeps it past expiry, is written at its hook (core/codes, flows/nemid, kinds/app).
 */

import type { ServiceDeps } from '../../config/deps.ts';
import { sweepActivity } from '../../core/activity/index.ts';
import { sweepCodes } from '../../core/codes/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import {
  sweepBackchannelLogouts,
  sweepCibaRequests,
  sweepCprMatches,
  sweepOidcPayloads,
} from '../../flows/login/index.ts';
import { sweepNemid } from '../../flows/nemid/index.ts';
import { sweepGates } from '../../flows/selfservice/index.ts';
import { sweepApp } from '../../kinds/app/index.ts';
import { sweepChip } from '../../kinds/chip/index.ts';
import { RateCounters } from '../../platform/http/RateCounters.ts';
import { SessionStore } from '../../platform/http/session.ts';

export async function sweepMitid(deps: ServiceDeps<MitidDb>): Promise<Record<string, number>> {
  const now = deps.clock.now().getTime();
  return {
    // First: the expired authentications are recorded before anything could remove them.
    ...(await sweepActivity(deps.db, now)),
    sessions: await new SessionStore(deps.db).purgeExpired(now),
    ...(await sweepNemid(deps.db, now)),
    ...(await sweepCodes(deps, now)),
    ...(await sweepApp(deps.db, now)),
    ...(await sweepChip(deps.db, now)),
    // The OpenID Connect provider's expired sessions, codes, tokens, grants and login facts.
    oidcPayloads: await sweepOidcPayloads(deps.db, now),
    cibaRequests: await sweepCibaRequests(deps.db, now),
    cprMatches: await sweepCprMatches(deps.db, now),
    // The back-channel logouts given up a day ago (the live ones are retried by the providers' nodes).
    backchannelLogouts: await sweepBackchannelLogouts(deps.db, now),
    rateCounters: await new RateCounters(deps.db).purgeExpired(now),
    // The self-service's gates: the "Du har fået adgang" notice when one opens, expiry written down.
    ...(await sweepGates(deps, now)),
  };
}
