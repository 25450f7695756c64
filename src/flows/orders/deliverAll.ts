/**
 * Development helper (tests, dev pages): every open order of the person arrives at once, post
 * orders as delivered, pickup orders as collected, with serial numbers assigned on the way.
 * Returns the person's orders afterwards, newest first.
 */
import { advanceOrder } from './advanceOrder.ts';
import type { DeviceOrder } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import type { OrderDeps } from './OrderDeps.ts';
import { finalStatus } from './statusPath.ts';

export async function deliverAll(deps: OrderDeps, cpr: string): Promise<DeviceOrder[]> {
  const store = new DeviceOrderStore(deps.db);
  for (const order of await store.ordersOf(cpr)) {
    if (order.open) await advanceOrder(deps, order.id, finalStatus(order.delivery));
  }
  return store.ordersOf(cpr);
}
