/**
 * The server side of the MitID app protocol (docs/protocols/app.md), registered on the MitID
 * service. Reads as the list of its routes:
 *
 *   /api/app/v1 (JSON, own error format, no cookies, no CSRF)
 *     POST   /activations                            step 1: user-ID (or transfer code)
 *     POST   /activations/:id/activation-code        step 2: the code from the net bank
 *     POST   /activations/:id/temporary-pin          step 3: the temporary PIN
 *     POST   /activations/:id/pin                    step 4: OPAQUE registration of the PIN
 *     POST   /activations/:id/finish                 step 5: the device with its public key
 *     GET    /devices/:id                            signed from here on
 *     DELETE /devices/:id
 *     POST   /devices/:id/users-in-app
 *     POST   /devices/:id/transfer-codes
 *     POST   /devices/:id/channel                    the login box's QR or typed code (issue 9)
 *     GET    /devices/:id/transactions
 *     POST   /devices/:id/transactions/:tx/pin       OPAQUE login, the attempt counted here
 *     POST   /devices/:id/transactions/:tx/biometrics
 *     POST   /devices/:id/transactions/:tx/decision
 *     POST   /devices/:id/biometrics/options, POST|DELETE /devices/:id/biometrics
 *   /api/transactions (services, HTTP Basic)
 *     POST   /api/transactions, GET /api/transactions/:id
 */
import * as opaque from '@serenity-kit/opaque';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import { type AppHooks, appHooks } from './appHooks.ts';
import { useAppJson } from './appJsonScope.ts';
import { type AppCore, appServerContext } from './appServerContext.ts';
import { registerActivationCodeStep } from './routes/activationCodeStep.ts';
import { registerActivationStart } from './routes/activationStart.ts';
import { registerBiometricsRoutes } from './routes/biometricsRoutes.ts';
import { registerChannel } from './routes/channel.ts';
import { registerDeviceRoutes } from './routes/deviceRoutes.ts';
import { registerDeviceTransactions } from './routes/deviceTransactions.ts';
import { registerFinishStep } from './routes/finishStep.ts';
import { registerPinStep } from './routes/pinStep.ts';
import { registerServiceTransactions } from './routes/serviceTransactions.ts';
import { registerTemporaryPinStep } from './routes/temporaryPinStep.ts';
import { registerTransactionDecision } from './routes/transactionDecision.ts';
import { registerTransactionPin } from './routes/transactionPin.ts';

/** Registers the routes; returns the app kind's hooks for the root's hook table (roots/mitid/hooks.ts). */
export async function registerAppServer(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  core: AppCore,
): Promise<AppHooks> {
  await opaque.ready;
  // The shared setup from the key store (src/config/secrets.ts); a test without one gets a fresh one.
  const opaqueSetup = deps.secrets.opaqueServerSetup ?? opaque.server.createSetup();
  const ctx = appServerContext(deps, opaqueSetup, app.log, core);

  await app.register(
    async (api) => {
      useAppJson(api, { notFound: true });
      registerActivationStart(api, ctx);
      registerActivationCodeStep(api, ctx);
      registerTemporaryPinStep(api, ctx);
      registerPinStep(api, ctx);
      registerFinishStep(api, ctx);
      registerDeviceRoutes(api, ctx);
      registerChannel(api, ctx);
      registerDeviceTransactions(api, ctx);
      registerTransactionPin(api, ctx);
      registerTransactionDecision(api, ctx);
      registerBiometricsRoutes(api, ctx);
    },
    { prefix: '/api/app/v1' },
  );
  await app.register(async (api) => {
    useAppJson(api);
    registerServiceTransactions(api, ctx);
  });
  return appHooks(ctx);
}
