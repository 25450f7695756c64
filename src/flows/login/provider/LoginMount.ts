/**
 * The port between the provider and the login box (decision 0012 §3): the box registers its
 * routes at `<prefix>/login/:uid` of each mount and asks the mount what the interaction is, and
 * finishes it. `finishLogin` and `finishRefused` write the redirect on `res` themselves (a 303
 * to the authorization endpoint's resume): the box hijacks its Fastify reply before calling them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticationResult } from '../../../core/authentications/index.ts';
import type { Lang } from '../../../i18n/types.ts';
import type { DialectName, LoginRequest } from '../dialects/Dialect.ts';

export interface BoxInteraction {
  uid: string;
  dialect: DialectName;
  client: { id: string; name: string };
  request: LoginRequest;
  lang: Lang;
  /** The prompt the box answers: `login` (or absent), or `cpr_match` (cprMatch.ts: the CPR page) with its state. */
  prompt?: string;
  cprMatch?: { triesLeft: number; expired: boolean };
  /** A step-up of this browser's MitID session (decision 0013 §3): its person, asked above its level. */
  stepUp?: { uuid: string };
}

/** A CPR number typed in the box (cprMatch.ts). */
export type CprAttempt =
  | { result: 'match' }
  | { result: 'mismatch'; triesLeft: number }
  | { result: 'exceeded' }
  | { result: 'expired' };

export interface LoginMount {
  prefix: '/op' | '/idura';
  /** The interaction of this browser (its interaction cookie); undefined: gone or expired. */
  details(req: IncomingMessage, res: ServerResponse): Promise<BoxInteraction | undefined>;
  /** The person logged in: the grant of the requested scopes (no consent screen), then the redirect. */
  finishLogin(
    req: IncomingMessage,
    res: ServerResponse,
    login: { identityId: string; authenticationId: string; result: AuthenticationResult; authTime: number },
  ): Promise<void>;
  /** access_denied to the client, with the dialect's `cancelled` description. */
  finishRefused(
    req: IncomingMessage,
    res: ServerResponse,
    why: 'cancelled' | 'rejected' | 'expired',
  ): Promise<void>;
  /** The cpr_match prompt: one try of a number in the right format (counted when it mismatches). */
  cprMatch(req: IncomingMessage, res: ServerResponse, cpr: string): Promise<CprAttempt>;
  /** The cpr_match prompt ends: on to the client (match), access_denied (exceeded), a new login (expired). */
  finishCprMatch(
    req: IncomingMessage,
    res: ServerResponse,
    how: 'match' | 'exceeded' | 'expired',
  ): Promise<void>;
}
