/**
 * The MitID service: one Fastify app with every part the architecture names. Each part registers
 * its own routes; this file only lists them.
 */
import type { FastifyInstance } from 'fastify';
import { registerAppPwa } from '../app/pwa/registerAppPwa.ts';
import { registerAppServer } from '../app/server/registerAppServer.ts';
import { mitidDkNemidClient } from '../enrollment/mitidDkClient.ts';
import { registerEnrollment } from '../enrollment/registerEnrollment.ts';
import { createNotifier } from '../messages/createNotifier.ts';
import { registerMessages } from '../messages/registerMessages.ts';
import { registerNemid } from '../nemid/registerNemid.ts';
import { ping } from '../platform/db/database.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { createApp, httpSettings } from '../platform/http/createApp.ts';
import type { MitidDb } from './db/schema.ts';
import { registerFrontPage } from './frontPage.ts';

export async function buildMitidApp(deps: ServiceDeps<MitidDb>): Promise<FastifyInstance> {
  const { config } = deps;
  const app = await createApp({
    site: 'mitid',
    origin: config.mitidUrl,
    cookieKey: deps.secrets.cookieKey,
    logLevel: config.logLevel,
    formActionOrigins: [config.bankUrl],
    ready: () => ping(deps.db as never),
    ...httpSettings(config),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  // The transactional outbox's delivery worker: delivers what the parts' transactions queued,
  // from the first request on (rows left queued by a crash or another process included).
  const delivery = createNotifier({ ...deps, logger: app.log }).delivery;
  app.addHook('onReady', async () => delivery.start());
  app.addHook('onClose', async () => delivery.stop());

  // -- parts (one line each) --
  registerNemid(app, deps, { extraClients: [mitidDkNemidClient(config)] });
  registerMessages(app, deps);
  await registerEnrollment(app, deps);
  await registerAppServer(app, deps);
  await registerAppPwa(app);

  registerFrontPage(app);
  return app;
}
