/**
 * Moves an order along its tracking path (statusPath.ts). Rules:
 * - only forward, along the order's own path ('backwards', 'notOnPath': post has no
 *   ready_for_pickup, pickup no shipped); skipping ahead is allowed;
 * - idempotent: advancing to the state the order is in changes nothing and says so
 *   (changed: false), so a repeated tracking event or a double click is harmless;
 * - from shipped / ready_for_pickup on, the order has a serial number: drawn once, unique by the
 *   column's constraint (a collision draws again);
 * - the closing state (delivered, collected) closes the order, so the person may order again;
 * - compare-and-set on the current status: of two concurrent advances one writes, the other then
 *   sees the new state and answers as above.
 */
import type { DeviceOrder, OrderStatus } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import { newSerialNumber } from './deviceNumbers.ts';
import { isUniqueViolation } from './isUniqueViolation.ts';
import type { OrderDeps } from './OrderDeps.ts';
import { finalStatus, hasSerialAt, statusPath } from './statusPath.ts';

export type AdvanceRefusal = 'orderNotFound' | 'notOnPath' | 'backwards';

export type AdvanceResult =
  | { ok: true; order: DeviceOrder; changed: boolean }
  | { ok: false; reason: AdvanceRefusal };

const MAX_TRIES = 5;

export async function advanceOrder(
  deps: OrderDeps,
  orderId: string,
  toStatus: OrderStatus,
): Promise<AdvanceResult> {
  const store = new DeviceOrderStore(deps.db);
  for (let i = 0; i < MAX_TRIES; i++) {
    const order = await store.get(orderId);
    if (!order) return { ok: false, reason: 'orderNotFound' };
    const path = statusPath(order.delivery);
    const to = path.indexOf(toStatus);
    const from = path.indexOf(order.status);
    if (to < 0) return { ok: false, reason: 'notOnPath' };
    if (to === from) return { ok: true, order, changed: false };
    if (to < from) return { ok: false, reason: 'backwards' };

    const serial =
      order.serialNumber ??
      (hasSerialAt(order.delivery, toStatus) ? newSerialNumber(order.kind, deps.random) : null);
    try {
      const updated = await deps.db
        .updateTable('device_orders')
        .set({
          status: toStatus,
          open: toStatus === finalStatus(order.delivery) ? 0 : 1,
          serial_number: serial,
          updated_at: deps.clock.now().getTime(),
        })
        .where('id', '=', orderId)
        .where('status', '=', order.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) {
        const now = await store.get(orderId);
        if (now) return { ok: true, order: now, changed: true };
      }
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // else: serial number taken, draw again
    }
  }
  throw new Error(`order ${orderId} could not be advanced after ${MAX_TRIES} tries`);
}
