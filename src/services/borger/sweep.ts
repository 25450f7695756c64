/** Removes Borger's expired sessions. */
import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore } from '../../platform/http/session.ts';
import { purgeLogoutJtis } from '../../platform/oidc/backchannelLogout.ts';
import type { BorgerDb } from './db/schema.ts';

export async function sweepBorger(deps: ServiceDeps<BorgerDb>): Promise<Record<string, number>> {
  const now = deps.clock.now().getTime();
  return {
    sessions: await new SessionStore(deps.db).purgeExpired(now),
    logoutJtis: await purgeLogoutJtis(deps.db, now),
  };
}
