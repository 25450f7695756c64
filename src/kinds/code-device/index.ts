/**
 * Public entry of kinds/code-device: the kodeviser and kodeoplæser kinds (decision 0014 §1, §3),
 * their stock and PSKC import, and the ports other modules use (SerialSource for fulfilment, the
 * activation's verify and bind, the simulators' current code). Other modules import only this file.
 */

export type { ActivationInput, ActivationRefusal, BindInput, OrderCprOf, Verified } from './activation.ts';
export { CodeDevices, type CodeDevicesOptions } from './CodeDevices.ts';
export { codeDisplayDescriptor, codeReaderDescriptor } from './descriptors.ts';
export { makeDemoBatch } from './inventory/demoBatch.ts';
export { type DeviceSeed, exportPskc } from './inventory/exportPskc.ts';
export type { PskcImport } from './inventory/importPskc.ts';
export { parseTransportKey } from './inventory/pskcCrypto.ts';
export { describePskcProblem, type PskcProblem, readPskc } from './inventory/readPskc.ts';
export type { CodeAnswer } from './kind.ts';
export { normaliseSerial } from './serial.ts';
// The development simulators (wp-simulators): registered by roots/mitid with the stock as a port.
export { registerSimulators } from './simulator/registerSimulators.ts';
export type { SimulatedDevice, SimulatedKind, SimulatorStock } from './simulator/SimulatorStock.ts';
export { createSerialSource, listStock, type SerialSource, type StockEntry, stockCount } from './stock.ts';
export {
  CODE_DEVICE_KINDS,
  type CodeDeviceKind,
  type CodeDeviceStockTable,
  type CodeDevicesTable,
  isCodeDeviceKind,
  STOCK_STATUSES,
  type StockStatus,
} from './tables.ts';
