/**
 * The port between an OpenID Connect provider mount and the login box (decision 0012 §3), copied
 * from the decision until flows/login/provider/LoginMount.ts lands (the lead reconciles the two).
 * The provider implements it; the box calls it with the raw request and response of the box's
 * route (oidc-provider reads its interaction cookie from them and writes its redirect to them).
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
}

export interface LoginMount {
  prefix: '/op' | '/idura';
  /** The interaction of this request (its cookie and uid), or undefined: gone or expired. */
  details(req: IncomingMessage, res: ServerResponse): Promise<BoxInteraction | undefined>;
  /** The person logged in: the provider finishes the interaction and redirects to the client. */
  finishLogin(
    req: IncomingMessage,
    res: ServerResponse,
    login: { identityId: string; authenticationId: string; result: AuthenticationResult; authTime: number },
  ): Promise<void>;
  /** The person cancelled, rejected in the app, or let it expire: access_denied at the client. */
  finishRefused(
    req: IncomingMessage,
    res: ServerResponse,
    why: 'cancelled' | 'rejected' | 'expired',
  ): Promise<void>;
}
