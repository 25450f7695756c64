/**
 * The MitID service: one Fastify app with every part the architecture names. Each part registers
 * its own routes; this file only lists them.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import { httpSettings } from '../../config/httpSettings.ts';
import { serverSecretOf } from '../../config/secrets.ts';
import {
  ClientAdmin,
  ClientRegistry,
  configuredClients,
  deriveClientSecretKey,
  loadClientsFile,
} from '../../core/clients/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { mitidErrorCatalogue } from '../../core/errors/index.ts';
import { identityRefusal } from '../../core/identity/index.ts';
import { createNotifier, messageRefusal, registerMessages } from '../../core/messages/index.ts';
import { registerBorgerservice } from '../../flows/borgerservice/index.ts';
import { type DeviceActivation, registerEnrollment } from '../../flows/enrollment/index.ts';
import { dialectOf, registerBox, registerLogin } from '../../flows/login/index.ts';
import { nemidReservation, registerNemid } from '../../flows/nemid/index.ts';
import { DeviceOrders } from '../../flows/orders/index.ts';
import { registerAppPwa, registerAppServer } from '../../kinds/app/index.ts';
import { createChip } from '../../kinds/chip/index.ts';
import { listStock, registerSimulators } from '../../kinds/code-device/index.ts';
import { createPasswordKind, registerPasswordStatic } from '../../kinds/password/index.ts';
import { ping } from '../../platform/db/database.ts';
import { createApp } from '../../platform/http/createApp.ts';
import { createCodeDevices, registerCodeDeviceKinds } from './codeDevices.ts';
import { createDeviceActivation } from './deviceActivation.ts';
import { registerFrontPage } from './frontPage.ts';
import { createMitidCore, type MitidCore } from './hooks.ts';
import { mitidKinds } from './kinds.ts';
import { mitidOrderDeps, registerOrders } from './orders.ts';

/** The core services of each built app (see mitidCoreOf). */
const cores = new WeakMap<FastifyInstance, MitidCore>();

/**
 * The core services an app built here runs on (its Authenticators, Authentications, clients and
 * hooks): what issue 12's support and self-service will block with, and what tests block with.
 */
export function mitidCoreOf(app: FastifyInstance): MitidCore {
  const core = cores.get(app);
  if (!core) throw new Error('This app was not built by buildMitidApp');
  return core;
}

export interface MitidAppOptions {
  /**
   * The OpenID Connect login (the providers at /op and /idura, and the login box); default on.
   * Off only for tests that mount a part of it themselves (the box's kit, with its own port).
   */
  oidcLogin?: boolean;
  /**
   * The enrollment's activation of a code device; default: roots/mitid/deviceActivation.ts on
   * the code devices (kinds/code-device). Tests may give one with a stand-in.
   */
  deviceActivation?: (core: MitidCore, deps: ServiceDeps<MitidDb>) => DeviceActivation;
}

export async function buildMitidApp(
  deps: ServiceDeps<MitidDb>,
  opts: MitidAppOptions = {},
): Promise<FastifyInstance> {
  const { config } = deps;
  const app = await createApp({
    site: 'mitid',
    origin: config.mitidUrl,
    cookieKey: deps.secrets.cookieKey,
    logLevel: config.logLevel,
    // Min Bank's forms post to MitID; the OpenID Connect logout confirmation redirects to the clients.
    formActionOrigins: [config.bankUrl, config.borgerUrl],
    ready: () => ping(deps.db as never),
    // Every code a person or client can see, and the features' domain refusals that may reach
    // the error handler (src/core/errors).
    errors: mitidErrorCatalogue([identityRefusal, messageRefusal]),
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
  await configuredClients({
    ...deps,
    bankClientSecret: deps.secrets.bankClientSecret,
    ...(deps.secrets.borgerClientSecret ? { borgerClientSecret: deps.secrets.borgerClientSecret } : {}),
    key: clientKey,
  });
  // The operator's OpenID Connect clients (CLIENTS_FILE): checked whole, then upserted.
  if (config.clientsFile) {
    const admin = new ClientAdmin({ db: deps.db, clock: deps.clock, random: deps.random, key: clientKey });
    const n = await loadClientsFile(config.clientsFile, admin);
    app.log.info({ clients: n, file: config.clientsFile }, 'clients file loaded');
  }
  const clients = await ClientRegistry.load({
    db: deps.db,
    clock: deps.clock,
    key: clientKey,
    onReloadError: (err) => app.log.error({ err }, 'reading the clients failed'),
  });

  // -- parts (one line each) --
  registerNemid(app, deps, clients);
  registerMessages(app, deps);
  registerOrders(app, deps); // /dev/ordrer (DEV_PAGES)
  // The one list of authenticator kinds: the wizard offers from it, Authenticators keeps its rules.
  const kinds = mitidKinds();
  const core = createMitidCore(deps, clients, kinds);
  // The kodeviser and kodeoplæser (kinds/code-device): their Kind objects, the stock's ports.
  const codeDevices = createCodeDevices(deps);
  registerCodeDeviceKinds(core, codeDevices);
  // The activation step of a code device: the code devices, the password and the core.
  const deviceActivation =
    opts.deviceActivation?.(core, deps) ??
    createDeviceActivation({
      db: deps.db,
      authenticators: core.authenticators,
      codeDevices,
      now: () => deps.clock.now().getTime(),
    });
  await registerEnrollment(
    app,
    deps,
    { nemidReservation: nemidReservation(deps.db), kinds, deviceActivation },
    clients,
  );
  core.wire(await registerAppServer(app, deps, core));
  // The chip (decision 0014 §4, §6): its Kind for the login box; `chip.registration` for MitID.dk.
  const chip = createChip(deps);
  core.implementations.chip = chip.kind;
  core.implementations.password = createPasswordKind(deps.db);
  await registerPasswordStatic(app);
  // Their simulators (DEV_PAGES only): /dev/enheder, /dev/kodeviser/<serial>, /dev/kodeoplaeser/<serial>.
  await registerSimulators(app, deps, {
    list: () => listStock(deps.db),
    currentCode: (serial, nowMs) => codeDevices.currentCode(serial, nowMs),
  });
  cores.set(app, core);
  // The OpenID Connect providers (/op: Signaturgruppen's dialect, /idura: Idura's), decision 0012,
  // and the login box on their mounts.
  if (opts.oidcLogin !== false) {
    await registerLogin(app, deps, core, {
      dialects: dialectOf,
      box: (a, mounts) => registerBox(a, deps, core, mounts),
    });
  }
  await registerAppPwa(app);

  // The Borgerservice clerk page (decision 0014 §5): the day's pickups and the handover.
  registerBorgerservice(app, deps, new DeviceOrders(mitidOrderDeps(deps)));

  registerFrontPage(app);
  return app;
}
