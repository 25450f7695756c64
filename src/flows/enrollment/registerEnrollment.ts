/** The enrollment wizard and the registration-authority API, registered on the MitID service. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ClientRegistry } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/schema.ts';
import { IdentityStore } from '../../core/identity/IdentityStore.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { enrollmentStaticPrefix } from './renderLegalHtml.ts';
import { registerActivateStep } from './routes/activateStep.ts';
import { registerChooseStep } from './routes/chooseStep.ts';
import { registerContactStep } from './routes/contactStep.ts';
import { enrollmentContext } from './routes/enrollmentContext.ts';
import { registerGetStep } from './routes/getStep.ts';
import { registerHandover } from './routes/handover.ts';
import { registerMitidDkStart } from './routes/mitidDkStart.ts';
import { registerRaApi, registerRaStatus } from './routes/raApi.ts';
import { registerTermsStep } from './routes/termsStep.ts';
import { registerUserIdStep } from './routes/userIdStep.ts';

const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export async function registerEnrollment(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  clients: ClientRegistry,
): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticRoot,
    prefix: enrollmentStaticPrefix,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => /\.(js|css)$/.test(p),
  });
  const identities = new IdentityStore(deps.db);
  const ctx = enrollmentContext(deps, clients, async (cpr) => (await identities.getByCpr(cpr)) !== undefined);
  registerRaApi(app, ctx);
  registerRaStatus(app, ctx, async (cpr) => (await identities.getByCpr(cpr))?.status);
  registerHandover(app, ctx);
  registerMitidDkStart(app, ctx);
  registerTermsStep(app, ctx);
  registerChooseStep(app, ctx);
  registerContactStep(app, ctx);
  registerUserIdStep(app, ctx);
  registerGetStep(app, ctx);
  registerActivateStep(app, ctx);
}
