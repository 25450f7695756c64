/**
 * The self-service's ports (src/flows/selfservice/ports.ts), implemented by the modules that own
 * them. Each is added here as its module lands (issue 11):
 * - password: kinds/password (passwordProblems, createPassword, changePassword);
 * - chip: kinds/chip (registrationOptions and its finish);
 * - chipOrders: flows/orders' placeOrder with kind 'chip', delivery 'post'.
 * Until then the self-service shows no link to the change a missing port would make.
 * The ports object of each built app is kept (selfservicePortsOf), as its core is (mitidCoreOf):
 * the self-service's tests put their own implementations into it.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { SelfservicePorts } from '../../flows/selfservice/index.ts';

const built = new WeakMap<FastifyInstance, SelfservicePorts>();

export function selfservicePorts(app: FastifyInstance, _deps: ServiceDeps<MitidDb>): SelfservicePorts {
  const ports: SelfservicePorts = {};
  built.set(app, ports);
  return ports;
}

/** The ports object the self-service of `app` reads at each request. */
export function selfservicePortsOf(app: FastifyInstance): SelfservicePorts {
  const ports = built.get(app);
  if (!ports) throw new Error('This app was not built by buildMitidApp');
  return ports;
}
