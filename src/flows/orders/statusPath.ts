/**
 * The tracking states of an order, in order. An order only moves forward along its delivery's
 * path (it may skip states: a tracking feed can miss a scan); the last state closes it.
 *
 *   post:    ordered → packed → shipped → delivered          (code devices and the chip)
 *   pickup:  ordered → ready_for_pickup → collected          (code devices only)
 *
 * At `shipped` / `ready_for_pickup` (the handover state) the device leaves the warehouse for
 * this person: a code device gets its serial from the stock then, and a letter goes out (the
 * chip gets the letter, but no serial: it is registered with WebAuthn later).
 */
import type { Delivery, OrderKind, OrderStatus } from './DeviceOrder.ts';

const paths: Record<Delivery, readonly OrderStatus[]> = {
  post: ['ordered', 'packed', 'shipped', 'delivered'],
  pickup: ['ordered', 'ready_for_pickup', 'collected'],
};

const handoverAt: Record<Delivery, OrderStatus> = { post: 'shipped', pickup: 'ready_for_pickup' };

export function statusPath(delivery: Delivery): readonly OrderStatus[] {
  return paths[delivery];
}

/** The closing state: delivered or collected. */
export function finalStatus(delivery: Delivery): OrderStatus {
  const path = paths[delivery];
  return path[path.length - 1] as OrderStatus;
}

/** The state at which the device leaves the warehouse: shipped or ready_for_pickup. */
export function leavesWarehouseAt(delivery: Delivery): OrderStatus {
  return handoverAt[delivery];
}

/** Whether moving from `from` to `to` passes (or lands on) the state the device leaves at. */
export function passesWarehouse(delivery: Delivery, from: OrderStatus, to: OrderStatus): boolean {
  const at = paths[delivery].indexOf(handoverAt[delivery]);
  return paths[delivery].indexOf(from) < at && paths[delivery].indexOf(to) >= at;
}

/** Whether an order of `kind` in `status` has (or must get) a serial from the stock. */
export function hasSerialAt(kind: OrderKind, delivery: Delivery, status: OrderStatus): boolean {
  return kind !== 'chip' && paths[delivery].indexOf(status) >= paths[delivery].indexOf(handoverAt[delivery]);
}
