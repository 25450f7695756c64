/** What the app protocol's routes share: the stores, the codes, OPAQUE's setup, the WebAuthn party. */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceDeps } from '../../../config/deps.ts';
import { serverSecretOf } from '../../../config/secrets.ts';
import type { Authentications } from '../../../core/authentications/index.ts';
import type { Authenticators } from '../../../core/authenticators/index.ts';
import type { Client, ClientRegistry } from '../../../core/clients/index.ts';
import { createSealer, deriveCodeKey, OneTimeCodes, type Sealer } from '../../../core/codes/index.ts';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Hooks } from '../../../core/events/index.ts';
import { IdentityStore } from '../../../core/identity/index.ts';
import { createNotifier, type Notifier } from '../../../core/messages/index.ts';
import { ActivationStore } from './ActivationStore.ts';
import { DeviceStore } from './DeviceStore.ts';
import { createStepAnswers, type StepAnswers } from './stepAnswers.ts';

export interface AppServerContext {
  deps: ServiceDeps<MitidDb>;
  log: FastifyBaseLogger;
  activations: ActivationStore;
  /** The app kind's own data of its authenticators (keys, PINs, biometrics). */
  devices: DeviceStore;
  /** The core: the authenticators (status, limits), the authentications, the hook bus. */
  authenticators: Authenticators;
  authentications: Authentications;
  hooks: Hooks;
  identities: IdentityStore;
  /** The same store and key as the enrollment's: the bank's activation codes are redeemed here. */
  codes: OneTimeCodes;
  /** The same codes on another handle: a step's transaction. */
  codesOn(db: Kysely<MitidDb>): OneTimeCodes;
  /** Messages are enqueued in the transaction of the change that causes them. */
  notifier: Notifier;
  /** The kept answers of the steps that move an activation (a repeat gets the same answer). */
  answers: StepAnswers;
  opaqueSetup: string;
  sealer: Sealer;
  /** The WebAuthn relying party: the MitID host, the origin the PWA is served from. */
  rp: { id: string; origin: string; name: string };
  /** Services that may create transactions: clients holding `approvals.create` (src/core/clients). */
  serviceClient(authorization: string | undefined): Promise<Client | undefined>;
  now(): number;
  newId(): string;
}

/** The core services the root makes (src/roots/mitid/hooks.ts) and hands to the app kind. */
export interface AppCore {
  hooks: Hooks;
  authenticators: Authenticators;
  authentications: Authentications;
  /** The one client registry (src/core/clients). */
  clients: ClientRegistry;
}

export function appServerContext(
  deps: ServiceDeps<MitidDb>,
  opaqueSetup: string,
  log: FastifyBaseLogger,
  core: AppCore,
): AppServerContext {
  const serverSecret = serverSecretOf(deps.secrets);
  const codeKey = deriveCodeKey(serverSecret);
  const codesOn = (db: Kysely<MitidDb>): OneTimeCodes =>
    new OneTimeCodes({ db, clock: deps.clock, random: deps.random, key: codeKey });
  const sealer = createSealer(serverSecret);
  return {
    deps,
    log,
    activations: new ActivationStore(deps.db),
    devices: new DeviceStore(deps.db),
    authenticators: core.authenticators,
    authentications: core.authentications,
    hooks: core.hooks,
    identities: new IdentityStore(deps.db),
    codes: codesOn(deps.db),
    codesOn,
    notifier: createNotifier({
      db: deps.db,
      clock: deps.clock,
      random: deps.random,
      config: deps.config,
      logger: log,
    }),
    answers: createStepAnswers(serverSecret, sealer, deps.db),
    opaqueSetup,
    sealer,
    rp: { id: new URL(deps.config.mitidUrl).hostname, origin: deps.config.mitidUrl, name: 'MitID' },
    serviceClient: (authorization) => core.clients.authenticateBasic(authorization, 'approvals.create'),
    now: () => deps.clock.now().getTime(),
    newId: () => deps.random.token(16),
  };
}
