/** The enrollment wizard and the registration-authority API, registered on the MitID service. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { KindRegistry } from '../../core/authenticators/index.ts';
import type { ClientRegistry } from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { IdentityStore, type NemidReservation } from '../../core/identity/index.ts';
import type { DeviceActivation } from './deviceActivation.ts';
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

export interface EnrollmentPorts {
  /** Whose NemID user-ID a user-ID is (flows/nemid's nemidReservation, passed in by the root). */
  nemidReservation: NemidReservation;
  /**
   * The authenticator kinds (roots/mitid/kinds.ts): the choose step shows and accepts what it
   * offers at enrollment, and every step reads the chosen kind's offer (its contact, its delivery).
   */
  kinds: KindRegistry;
  /**
   * The activation of a code device with its password (roots/mitid/deviceActivation.ts);
   * without it the activation step shows the steps and "kommer snart".
   */
  deviceActivation?: DeviceActivation;
}

export async function registerEnrollment(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  ports: EnrollmentPorts,
  clients: ClientRegistry,
): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticRoot,
    prefix: enrollmentStaticPrefix,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => /\.(js|css)$/.test(p),
  });
  const identities = new IdentityStore(deps.db, { nemidReservation: ports.nemidReservation });
  const ctx = enrollmentContext(
    deps,
    clients,
    ports.kinds,
    async (cpr) => (await identities.getByCpr(cpr)) !== undefined,
  );
  registerRaApi(app, ctx);
  registerRaStatus(app, ctx, async (cpr) => (await identities.getByCpr(cpr))?.status);
  registerHandover(app, ctx);
  registerMitidDkStart(app, ctx);
  registerTermsStep(app, ctx);
  registerChooseStep(app, ctx);
  registerContactStep(app, ctx);
  registerUserIdStep(app, ctx, identities);
  registerGetStep(app, ctx);
  registerActivateStep(app, ctx, ports.deviceActivation);
}
