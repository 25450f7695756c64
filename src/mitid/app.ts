/**
 * The MitID service: one Fastify app with every part the architecture names. Each part registers
 * its own routes; this file only lists them.
 */
import type { FastifyInstance } from 'fastify';
import { registerEnrollment } from '../enrollment/registerEnrollment.ts';
import { registerMessages } from '../messages/registerMessages.ts';
import { registerNemid } from '../nemid/registerNemid.ts';
import { ping } from '../platform/db/database.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { html } from '../platform/html/html.ts';
import { createApp } from '../platform/http/createApp.ts';
import type { MitidDb } from './db/schema.ts';

export async function buildMitidApp(deps: ServiceDeps<MitidDb>): Promise<FastifyInstance> {
  const { config } = deps;
  const app = await createApp({
    site: 'mitid',
    origin: config.mitidUrl,
    cookieKey: deps.secrets.mitidCookieKey,
    logLevel: config.logLevel,
    formActionOrigins: [config.bankUrl],
    ready: () => ping(deps.db as never),
    ...(deps.logger ? { logger: deps.logger } : {}),
  });

  // -- parts (one line each) --
  registerNemid(app, deps);
  registerMessages(app, deps);
  await registerEnrollment(app, deps);

  app.get('/', async (req, reply) => {
    const t = req.t;
    return reply.page(t('common.mitidSiteName'), html`<h1>${t('common.mitidSiteName')}</h1>`);
  });
  return app;
}
