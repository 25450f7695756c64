/** Min Bank: a demo net bank on its own origin, with its own database. */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import { httpSettings } from '../../config/httpSettings.ts';
import { ping } from '../../platform/db/database.ts';
import { createApp } from '../../platform/http/createApp.ts';
import { platformErrors } from '../../platform/http/errors.ts';
import { BackchannelLogout, registerBackchannelLogout } from '../../platform/oidc/backchannelLogout.ts';
import { bankSessions } from './bankSession.ts';
import { CustomerStore } from './customerStore.ts';
import type { BankDb } from './db/schema.ts';
import { bankRelyingParty } from './mitidLogin.ts';
import { BANK_CLIENT_ID } from './nemidClient.ts';
import { registerCardDetails } from './routes/cardDetails.ts';
import { registerLogin } from './routes/login.ts';
import { registerMitidLogin } from './routes/mitidLogin.ts';
import { registerOverview } from './routes/overview.ts';
import { registerSupport } from './support/registerSupport.ts';
import { registerTransfers } from './transfers/index.ts';

export async function buildBankApp(deps: ServiceDeps<BankDb>): Promise<FastifyInstance> {
  const { config } = deps;
  const app = await createApp({
    site: 'bank',
    origin: config.bankUrl,
    cookieKey: deps.secrets.cookieKey,
    logLevel: config.logLevel,
    formActionOrigins: [config.mitidUrl],
    ready: () => ping(deps.db as never),
    // Min Bank sees only the foundation: the platform's generic codes are all it answers.
    errors: { entries: platformErrors },
    ...httpSettings(config),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  const sessions = bankSessions(deps);
  const customers = new CustomerStore(deps.db);
  const mitid = bankRelyingParty(deps);

  // -- parts (one line each) --
  registerLogin(app, deps, sessions, customers, mitid);
  registerMitidLogin(app, deps, sessions, customers, mitid);
  registerOverview(app, deps, sessions, customers);
  registerTransfers(app, deps, sessions, customers);
  registerSupport(app, deps, customers, mitid);
  registerCardDetails(app, deps, sessions, customers, mitid);
  registerBackchannelLogout(app, new BackchannelLogout({ rp: mitid, clientId: BANK_CLIENT_ID, ...deps }));

  return app;
}
