/**
 * Public entry of flows/selfservice: MitID.dk after logging in with MitID (decision 0014 §6):
 * the routes, the gates and their sweep, and the ports the root implements. Other modules
 * import only this file.
 */
export {
  GATE_OPEN_MS,
  GATE_WAIT_MS,
  type Gate,
  type GateRefusal,
  type GateState,
  Gates,
  gateState,
} from './Gates.ts';
export type {
  ChipRefusal,
  ChipRegistration,
  PasswordPort,
  SelfservicePorts,
} from './ports.ts';
export { registerSelfservice, type SelfserviceOptions } from './registerSelfservice.ts';
export { sweepGates } from './sweepGates.ts';
export { GATE_ACTIONS, type GateAction, type GatesTable } from './tables.ts';
