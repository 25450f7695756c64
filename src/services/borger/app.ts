/** Borger: a small self-service site on its own origin, with its own database, logging in with MitID. */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import { httpSettings } from '../../config/httpSettings.ts';
import { ping } from '../../platform/db/database.ts';
import { createApp } from '../../platform/http/createApp.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { BackchannelLogout, registerBackchannelLogout } from '../../platform/oidc/backchannelLogout.ts';
import { borgerSessions } from './borgerSession.ts';
import type { BorgerDb } from './db/schema.ts';
import { BORGER_CLIENT_ID, borgerRelyingParty } from './mitidLogin.ts';
import { registerLogin } from './routes/login.ts';
import { registerMe } from './routes/me.ts';

export async function buildBorgerApp(deps: ServiceDeps<BorgerDb>): Promise<FastifyInstance> {
  const { config } = deps;
  const app = await createApp({
    site: 'borger',
    origin: config.borgerUrl,
    cookieKey: deps.secrets.cookieKey,
    logLevel: config.logLevel,
    formActionOrigins: [config.mitidUrl],
    ready: () => ping(deps.db as never),
    errors: { entries: platformErrors },
    // Min Bank may run on the same host (another port): cookies do not separate by port.
    cookieNames: { csrf: 'borger_csrf', lang: 'borger_lang' },
    ...httpSettings(config),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  const sessions = borgerSessions(deps);
  const mitid = borgerRelyingParty(deps);

  // -- parts (one line each) --
  registerLogin(app, deps, sessions, mitid);
  registerMe(app, deps, sessions);
  registerBackchannelLogout(app, new BackchannelLogout({ rp: mitid, clientId: BORGER_CLIENT_ID, ...deps }));

  return app;
}
