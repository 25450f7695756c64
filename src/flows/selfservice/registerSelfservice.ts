/**
 * MitID.dk after logging in with MitID (decision 0014 §6): one call from roots/mitid mounts the
 * login at /op, the profile, the gates, the password change and the chip, on one context.
 * The ports (ports.ts) are the root's: a missing one leaves its pages off.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { Authenticators } from '../../core/authenticators/index.ts';
import { SELFSERVICE_CLIENT_ID, selfserviceCallback } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { RelyingParty } from '../../platform/oidc/relyingParty.ts';
import { registerChipRoutes } from './chipRoutes.ts';
import { Gates } from './Gates.ts';
import { registerGateRoutes } from './gateRoutes.ts';
import { registerLoginRoutes } from './loginRoutes.ts';
import { registerPasswordRoutes } from './passwordRoutes.ts';
import type { SelfservicePorts } from './ports.ts';
import { registerProfilePage } from './profilePage.ts';
import type { SelfserviceContext } from './SelfserviceContext.ts';
import { selfserviceSessions } from './selfserviceSession.ts';

export interface SelfserviceOptions {
  /** selfserviceClientSecret(server secret): the client's secret at /op. */
  clientSecret: string;
  authenticators: Pick<Authenticators, 'listFor'>;
  ports: SelfservicePorts;
}

export function registerSelfservice(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  opts: SelfserviceOptions,
): SelfserviceContext {
  const { config } = deps;
  const ctx: SelfserviceContext = {
    deps,
    rp: new RelyingParty({
      issuer: `${config.mitidUrl}/op`,
      clientId: SELFSERVICE_CLIENT_ID,
      clientSecret: opts.clientSecret,
      redirectUri: selfserviceCallback(config),
      cookieName: 'mitid_selvbetjening_login',
      secure: config.mitidUrl.startsWith('https:'),
    }),
    sessions: selfserviceSessions(deps),
    gates: new Gates({ db: deps.db, clock: deps.clock, random: deps.random, log: app.log }),
    authenticators: opts.authenticators,
    ports: opts.ports,
  };
  registerLoginRoutes(app, ctx);
  registerProfilePage(app, ctx);
  registerGateRoutes(app, ctx);
  registerPasswordRoutes(app, ctx);
  registerChipRoutes(app, ctx);
  return ctx;
}
