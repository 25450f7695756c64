/** Removes Borger's expired sessions. */
import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore } from '../../platform/http/session.ts';
import type { BorgerDb } from './db/schema.ts';

export async function sweepBorger(deps: ServiceDeps<BorgerDb>): Promise<Record<string, number>> {
  return { sessions: await new SessionStore(deps.db).purgeExpired(deps.clock.now().getTime()) };
}
