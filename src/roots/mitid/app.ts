/**
 * The MitID service: one Fastify app with every part the architecture names. Each part registers
 * its own routes; this file only lists them.
 */
import type { FastifyInstance } from 'fastify';
import { serverSecretOf } from '../../config/secrets.ts';
import { ClientRegistry, configuredClients, deriveClientSecretKey } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/schema.ts';
import { createNotifier } from '../../core/messages/createNotifier.ts';
import { registerMessages } from '../../core/messages/registerMessages.ts';
import { registerEnrollment } from '../../flows/enrollment/registerEnrollment.ts';
import { registerNemid } from '../../flows/nemid/registerNemid.ts';
import { registerAppPwa } from '../../kinds/app/pwa/registerAppPwa.ts';
import { registerAppServer } from '../../kinds/app/server/registerAppServer.ts';
import { ping } from '../../platform/db/database.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { createApp, httpSettings } from '../../platform/http/createApp.ts';
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

  // The one client registry (src/core/clients): the settings' clients written, then every client
  // read into this node's memory (read again each minute).
  const clientKey = deriveClientSecretKey(serverSecretOf(deps.secrets));
  await configuredClients({ ...deps, bankClientSecret: deps.secrets.bankClientSecret, key: clientKey });
  const clients = await ClientRegistry.load({
    db: deps.db,
    clock: deps.clock,
    key: clientKey,
    onReloadError: (err) => app.log.error({ err }, 'reading the clients failed'),
  });

  // -- parts (one line each) --
  registerNemid(app, deps, clients);
  registerMessages(app, deps);
  await registerEnrollment(app, deps, clients);
  await registerAppServer(app, deps, clients);
  await registerAppPwa(app);

  registerFrontPage(app);
  return app;
}
