import type { ServiceDeps } from '../../config/deps.ts';
import { SessionStore, Sessions } from '../../platform/http/session.ts';
import type { BankDb } from './db/schema.ts';

/** What Min Bank keeps about a logged-in customer. */
export interface BankSession {
  cpr: string;
  name: string;
  loggedInAt: number;
  /** How the bank identified the customer (e.g. nemid-keycard, or mitid). */
  method: string;
  /** A MitID login's ID token: the logout ends the MitID session with it (id_token_hint). */
  idToken?: string;
  /** A MitID login's `sub`: a transfer's transaction token must carry the same (transfers/). */
  mitidSub?: string;
  /** A MitID login's MitID uuid (the step-up's uuid_hint) and level (`loa`, the NSIS URI). */
  mitidUuid?: string;
  loa?: string;
  /** "JEG GØR DET SENERE" was chosen in this session: no banner until the next login. */
  mitidLater: boolean;
  /** The enrollment FÅ MITID NU handed over in this session: ended at MitID when the customer logs out. */
  mitidEnrollmentId?: string;
}

/** Bank sessions end after 15 minutes without activity, as net banks do. */
export const BANK_SESSION_TTL_MS = 15 * 60_000;

export function bankSessions(deps: ServiceDeps<BankDb>): Sessions<BankSession> {
  return new Sessions<BankSession>(new SessionStore(deps.db), {
    cookieName: 'minbank_sid',
    ttlMs: BANK_SESSION_TTL_MS,
    secure: deps.config.bankUrl.startsWith('https:'),
    clock: deps.clock,
    random: deps.random,
  });
}
