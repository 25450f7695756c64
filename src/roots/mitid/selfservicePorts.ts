/**
 * The self-service's ports (src/flows/selfservice/ports.ts), implemented by the modules that own
 * them:
 * - password: kinds/password (passwordProblems, createPassword, changePassword), in the flow's
 *   transaction;
 * - chip: kinds/chip's registration (registrationOptions, finishRegistration with the core's
 *   Authenticators), its refusals mapped onto the flow's;
 * The ports object of each built app is kept (selfservicePortsOf), as its core is (mitidCoreOf):
 * a test may put its own implementation into it.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { Authenticators } from '../../core/authenticators/index.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { ChipRefusal, SelfservicePorts } from '../../flows/selfservice/index.ts';
import type { ChipRegistration, RegistrationRefusal } from '../../kinds/chip/index.ts';
import { changePassword, createPassword, passwordProblems } from '../../kinds/password/index.ts';

const built = new WeakMap<FastifyInstance, SelfservicePorts>();

const CHIP_REFUSAL: Record<RegistrationRefusal, ChipRefusal> = {
  expired: 'chip_expired',
  invalid: 'chip_failed',
  notUserVerified: 'chip_failed',
  alreadyRegistered: 'chip_already',
  tooMany: 'chip_already',
};

export function selfservicePorts(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  kinds: { authenticators: Authenticators; chipRegistration: ChipRegistration },
): SelfservicePorts {
  const now = () => deps.clock.now().getTime();
  const ports: SelfservicePorts = {
    password: {
      problems: (password, userId) => passwordProblems(password, userId),
      async create(trx, input) {
        return (await createPassword(trx, kinds.authenticators, { ...input, now: now() })).ok;
      },
      async change(trx, input) {
        return (await changePassword(trx, { ...input, now: now() })).ok;
      },
    },
    chip: {
      async options(input) {
        const { registrationId, options } = await kinds.chipRegistration.registrationOptions(input);
        return { registrationId, options: { ...options } };
      },
      async finish(trx, input) {
        const done = await kinds.chipRegistration.finishRegistration(trx, kinds.authenticators, input);
        return done.ok ? done : { ok: false, reason: CHIP_REFUSAL[done.reason] };
      },
    },
  };
  built.set(app, ports);
  return ports;
}

/** The ports object the self-service of `app` reads at each request. */
export function selfservicePortsOf(app: FastifyInstance): SelfservicePorts {
  const ports = built.get(app);
  if (!ports) throw new Error('This app was not built by buildMitidApp');
  return ports;
}
