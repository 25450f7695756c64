import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore, Sessions } from '../../platform/http/session.ts';
import type { BorgerDb } from './db/schema.ts';

/** What Borger keeps about a logged-in person: what MitID told it at the login. */
export interface BorgerSession {
  name?: string;
  /** YYYY-MM-DD. */
  birthdate?: string;
  age?: number;
  /** The person's MitID UUID. */
  uuid?: string;
  cpr?: string;
  loggedInAt: number;
  /** The ID token: the logout ends the MitID session with it (id_token_hint). */
  idToken: string;
}

/** Borger's sessions end after 15 minutes without activity. */
export const BORGER_SESSION_TTL_MS = 15 * 60_000;

export function borgerSessions(deps: ServiceDeps<BorgerDb>): Sessions<BorgerSession> {
  return new Sessions<BorgerSession>(new SessionStore(deps.db), {
    cookieName: 'borger_sid',
    ttlMs: BORGER_SESSION_TTL_MS,
    secure: deps.config.borgerUrl.startsWith('https:'),
    clock: deps.clock,
    random: deps.random,
  });
}
