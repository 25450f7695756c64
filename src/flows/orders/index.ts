/**
 * Public entry of flows/orders: device orders (kodeviser, kodeoplæser) and the Borgerservice
 * offices the seed creates. Other modules import only this file.
 */
export { type DeviceOrder, isDeviceKind } from './DeviceOrder.ts';
export { DeviceOrders } from './DeviceOrders.ts';
export { seedOffices } from './seedOffices.ts';
