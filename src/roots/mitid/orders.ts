/**
 * The orders' wiring (flows/orders, decision 0014 §5): the dependencies every product caller of
 * the fulfilment uses (the dev page, `npm run orders`), with the stock the serials come from.
 * The stock is kinds/code-device's `code_device_stock` (wp-codedevice); until that module is
 * merged no SerialSource is passed, and a code device cannot leave the warehouse (outOfStock).
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { DeviceOrders, type OrderDeps, registerDevOrders } from '../../flows/orders/index.ts';

export function mitidOrderDeps(deps: Pick<ServiceDeps<MitidDb>, 'db' | 'clock' | 'random'>): OrderDeps {
  return { db: deps.db, clock: deps.clock, random: deps.random };
}

/** /dev/ordrer, with DEV_PAGES only. */
export function registerOrders(app: FastifyInstance, deps: ServiceDeps<MitidDb>): void {
  if (deps.config.devPages) registerDevOrders(app, new DeviceOrders(mitidOrderDeps(deps)));
}
