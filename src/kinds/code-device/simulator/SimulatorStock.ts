/**
 * What the simulators need of the code-device stock (the port the module's root wiring fills from
 * the inventory: `listStock` and `currentCode(serial, nowMs)`): the devices, and the code a device
 * shows at a moment, undefined for a serial the stock does not have.
 */
export type SimulatedKind = 'codeDisplay' | 'codeReader';
export type SimulatedStatus = 'in_stock' | 'reserved' | 'activated' | 'retired';

export interface SimulatedDevice {
  serial: string;
  kind: SimulatedKind;
  status: SimulatedStatus;
}

export interface SimulatorStock {
  list(): Promise<readonly SimulatedDevice[]>;
  currentCode(serial: string, nowMs: number): Promise<string | undefined>;
}
