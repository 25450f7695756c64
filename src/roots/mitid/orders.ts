/**
 * The orders' wiring (flows/orders, decision 0014 §5): the dependencies every product caller of
 * the fulfilment uses (the dev page, `npm run orders`), with the stock the serials come from:
 * kinds/code-device's `code_device_stock`, through its SerialSource (in_stock → reserved on the
 * order's own transaction). The wizard's own DeviceOrders only places and reads orders.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { DeviceOrders, type OrderDeps, registerDevOrders } from '../../flows/orders/index.ts';
import { createSerialSource } from '../../kinds/code-device/index.ts';

export function mitidOrderDeps(deps: Pick<ServiceDeps<MitidDb>, 'db' | 'clock' | 'random'>): OrderDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    random: deps.random,
    serials: createSerialSource(() => deps.clock.now().getTime()),
  };
}

/** /dev/ordrer, with DEV_PAGES only. */
export function registerOrders(app: FastifyInstance, deps: ServiceDeps<MitidDb>): void {
  if (deps.config.devPages) registerDevOrders(app, new DeviceOrders(mitidOrderDeps(deps)));
}
