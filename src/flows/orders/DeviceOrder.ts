/** An order of a kodeviser (code display) or kodeoplæser (code reader), as the domain sees it. */
import type { Selectable } from 'kysely';
import type { DeviceOrdersTable } from '../../core/db/index.ts';

export const deviceKinds = ['codeDisplay', 'codeReader'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

export const deliveries = ['post', 'pickup'] as const;
export type Delivery = (typeof deliveries)[number];

export type OrderStatus = DeviceOrdersTable['status'];

export interface ShipTo {
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

export interface DeviceOrder {
  id: string;
  cpr: string;
  kind: DeviceKind;
  delivery: Delivery;
  status: OrderStatus;
  /** Until delivered or collected. */
  open: boolean;
  /** Pickup: where and when. */
  officeId: string | null;
  slotId: string | null;
  /** Post: the name and address the device was sent to, as they were when ordered. */
  shipTo: ShipTo | null;
  serialNumber: string | null;
  trackingNo: string | null;
  /** The Digital Post letter (a messages id). */
  letterId: string | null;
  createdAt: number;
  /** Post: the latest arrival (15 days); pickup: the booked time. */
  expectedBy: number;
  updatedAt: number;
}

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (deviceKinds as readonly string[]).includes(value);
}

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === 'string' && (deliveries as readonly string[]).includes(value);
}

export function orderFromRow(row: Selectable<DeviceOrdersTable>): DeviceOrder {
  const shipTo =
    row.ship_name !== null &&
    row.ship_street !== null &&
    row.ship_postal_code !== null &&
    row.ship_city !== null
      ? {
          name: row.ship_name,
          street: row.ship_street,
          postalCode: row.ship_postal_code,
          city: row.ship_city,
        }
      : null;
  return {
    id: row.id,
    cpr: row.cpr,
    kind: row.kind,
    delivery: row.delivery,
    status: row.status,
    open: Number(row.open) === 1,
    officeId: row.office_id,
    slotId: row.slot_id,
    shipTo,
    serialNumber: row.serial_number,
    trackingNo: row.tracking_no,
    letterId: row.letter_id,
    createdAt: Number(row.created_at),
    expectedBy: Number(row.expected_by),
    updatedAt: Number(row.updated_at),
  };
}
