/**
 * The NemID module of the MitID service (docs/protocols/nemid.md). Its routes:
 *   GET  /nemid/authorize        start a login for a registered client
 *   GET  /nemid/login/:id        the step the flow is at (user-ID + password, or key code)
 *   POST /nemid/login/:id        submit a step (CSRF, binding cookie, per-IP rate limit)
 *   POST /nemid/token            the client redeems the code for the identity (Basic auth)
 *   GET  /dev/noeglekort[.json]  demo key cards, only with config.devPages
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { ClientRegistry } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { registerDevKeyCards } from './devKeyCards.ts';
import { NemidLoginStore } from './loginStore.ts';
import type { NemidContext } from './nemidContext.ts';
import { registerAuthorize } from './routes/authorize.ts';
import { registerLoginPage } from './routes/loginPage.ts';
import { registerLoginPost } from './routes/loginPost.ts';
import { registerToken } from './routes/token.ts';

/** `clients`: the one client registry; a NemID client holds `nemid.login` (src/core/clients). */
export function registerNemid(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  clients: ClientRegistry,
): void {
  const ctx: NemidContext = {
    deps,
    logins: new NemidLoginStore(deps.db),
    clients,
    secure: deps.config.mitidUrl.startsWith('https:'),
  };
  registerAuthorize(app, ctx);
  registerLoginPage(app, ctx);
  registerLoginPost(app, ctx);
  registerToken(app, ctx);
  if (deps.config.devPages) registerDevKeyCards(app, deps.db);
}
