/**
 * The self-service's own session (not the provider's): a random id in a signed, HttpOnly,
 * SameSite=Lax cookie `mitid_selvbetjening`, its SHA-256 in the sessions table (platform's
 * Sessions). It ends after 15 minutes without a request, at "Log af", or when the identity is no
 * longer in use (SelfserviceContext.loggedIn).
 */
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { SessionStore, Sessions } from '../../platform/http/session.ts';

export interface SelfserviceSession {
  /** The identity's id: the ID token's `mitid.uuid`. */
  identityId: string;
  /** The ID token, for the RP-initiated logout at /op (id_token_hint). */
  idToken: string;
  loggedInAt: number;
}

export const SELFSERVICE_SESSION_TTL_MS = 15 * 60_000;
export const SELFSERVICE_COOKIE = 'mitid_selvbetjening';

export function selfserviceSessions(deps: ServiceDeps<MitidDb>): Sessions<SelfserviceSession> {
  return new Sessions<SelfserviceSession>(new SessionStore(deps.db), {
    cookieName: SELFSERVICE_COOKIE,
    ttlMs: SELFSERVICE_SESSION_TTL_MS,
    secure: deps.config.mitidUrl.startsWith('https:'),
    clock: deps.clock,
    random: deps.random,
  });
}
