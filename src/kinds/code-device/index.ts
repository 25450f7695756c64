/** Public entry of kinds/code-device (decision 0014 §3). Other modules import only this file. */
// The development simulators (wp-simulators): registered by roots/mitid with the stock as a port.
export { registerSimulators } from './simulator/registerSimulators.ts';
export type { SimulatedDevice, SimulatedKind, SimulatorStock } from './simulator/SimulatorStock.ts';
