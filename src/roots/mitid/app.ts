/**
 * The MitID service: one Fastify app with every part the architecture names. Each part registers
 * its own routes; this file only lists them.
 */
import type { FastifyInstance } from 'fastify';
import type { MitidDb } from '../../core/db/schema.ts';
import { createNotifier } from '../../core/messages/createNotifier.ts';
import { registerMessages } from '../../core/messages/registerMessages.ts';
import { mitidDkNemidClient } from '../../flows/enrollment/mitidDkClient.ts';
import { registerEnrollment } from '../../flows/enrollment/registerEnrollment.ts';
import { registerNemid } from '../../flows/nemid/registerNemid.ts';
import { registerAppPwa } from '../../kinds/app/pwa/registerAppPwa.ts';
import { registerAppServer } from '../../kinds/app/server/registerAppServer.ts';
import { ping } from '../../platform/db/database.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { createApp, httpSettings } from '../../platform/http/createApp.ts';
import { registerFrontPage } from './frontPage.ts';
import { createMitidCore } from './hooks.ts';

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
  const core = createMitidCore(deps);
  core.wire(await registerAppServer(app, deps, core));
  await registerAppPwa(app);

  registerFrontPage(app);
  return app;
}
