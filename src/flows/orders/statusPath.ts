/**
 * The tracking states of an order, in order. An order only moves forward along its delivery's
 * path (it may skip states: a tracking feed can miss a scan); the last state closes it.
 *
 *   post:    ordered → packed → shipped → delivered
 *   pickup:  ordered → ready_for_pickup → collected
 *
 * The serial number is assigned at `shipped` / `ready_for_pickup`: the device then exists for
 * this person, outside the warehouse.
 */
import type { Delivery, OrderStatus } from './DeviceOrder.ts';

const paths: Record<Delivery, readonly OrderStatus[]> = {
  post: ['ordered', 'packed', 'shipped', 'delivered'],
  pickup: ['ordered', 'ready_for_pickup', 'collected'],
};

const serialAt: Record<Delivery, OrderStatus> = { post: 'shipped', pickup: 'ready_for_pickup' };

export function statusPath(delivery: Delivery): readonly OrderStatus[] {
  return paths[delivery];
}

/** The closing state: delivered or collected. */
export function finalStatus(delivery: Delivery): OrderStatus {
  const path = paths[delivery];
  return path[path.length - 1] as OrderStatus;
}

/** Whether an order in `status` has (or must get) its serial number. */
export function hasSerialAt(delivery: Delivery, status: OrderStatus): boolean {
  return paths[delivery].indexOf(status) >= paths[delivery].indexOf(serialAt[delivery]);
}
