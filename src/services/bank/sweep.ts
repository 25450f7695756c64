/** Removes Min Bank's expired sessions; marks transfers that waited too long for approval as expired. */
import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore } from '../../platform/http/session.ts';
import { purgeLogoutJtis } from '../../platform/oidc/backchannelLogout.ts';
import type { BankDb } from './db/schema.ts';
import { TransferStore } from './transfers/index.ts';

export async function sweepBank(deps: ServiceDeps<BankDb>): Promise<Record<string, number>> {
  const now = deps.clock.now().getTime();
  return {
    sessions: await new SessionStore(deps.db).purgeExpired(now),
    transfersExpired: await new TransferStore(deps.db).expireStale(now),
    logoutJtis: await purgeLogoutJtis(deps.db, now),
  };
}
