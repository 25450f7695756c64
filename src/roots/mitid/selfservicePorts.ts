/**
 * The self-service's ports (src/flows/selfservice/ports.ts), implemented by the modules that own
 * them. Each is added here as its module lands (issue 11):
 * - password: kinds/password (passwordProblems, createPassword, changePassword);
 * - chip: kinds/chip (registrationOptions and its finish);
 * - chipOrders: flows/orders' placeOrder with kind 'chip', delivery 'post'.
 * Until then the self-service shows no link to the change a missing port would make.
 */
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import type { SelfservicePorts } from '../../flows/selfservice/index.ts';

export function selfservicePorts(_deps: ServiceDeps<MitidDb>): SelfservicePorts {
  return {};
}
