/**
 * Public entry of flows/orders: device orders (kodeviser, kodeoplæser, chip), their fulfilment
 * (serials from the stock through the SerialSource port, letters, prices), the Borgerservice
 * handover, and the offices the seed creates. Other modules import only this file.
 */
export type { AdvanceRefusal, AdvanceResult } from './advanceOrder.ts';
export {
  type DeviceKind,
  type DeviceOrder,
  isDeviceKind,
  isOrderKind,
  type OrderKind,
  type OrderStatus,
} from './DeviceOrder.ts';
export { DeviceOrders } from './DeviceOrders.ts';
export { DEV_ORDERS_PATH, registerDevOrders } from './devOrdersPage.ts';
export {
  type HandOverInput,
  type HandOverRefusal,
  type HandOverResult,
  handOver,
  normalizeSerial,
  type PhotoIdType,
  photoIdTypes,
} from './handOver.ts';
export type { OrderDeps } from './OrderDeps.ts';
export { orderErrorCodes } from './orderErrorCodes.ts';
export { type Pickup, pickupsOf } from './pickupsOf.ts';
export { formatPrice, priceFor } from './prices.ts';
export type { SerialSource } from './SerialSource.ts';
export { seedOffices } from './seedOffices.ts';
export { statusPath } from './statusPath.ts';
