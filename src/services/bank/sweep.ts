/** Removes Min Bank's expired sessions. */
import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore } from '../../platform/http/session.ts';
import type { BankDb } from './db/schema.ts';

export async function sweepBank(deps: ServiceDeps<BankDb>): Promise<Record<string, number>> {
  return { sessions: await new SessionStore(deps.db).purgeExpired(deps.clock.now().getTime()) };
}
