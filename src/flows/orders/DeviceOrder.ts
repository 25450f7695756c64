/**
 * An order of a kodeviser (code display), a kodeoplæser (code reader) or a MitID chip, as the
 * domain sees it. The two code devices (`DeviceKind`) come from the stock with a serial; the chip
 * (post only) is registered with WebAuthn after it arrives, so it has no serial.
 */
import type { Selectable } from 'kysely';
import type { DeviceOrdersTable } from '../../core/db/index.ts';
import type { Lang } from '../../i18n/types.ts';

export const deviceKinds = ['codeDisplay', 'codeReader'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

/** What can be ordered: a code device or a chip. */
export const orderKinds = [...deviceKinds, 'chip'] as const;
export type OrderKind = (typeof orderKinds)[number];

export const deliveries = ['post', 'pickup'] as const;
export type Delivery = (typeof deliveries)[number];

export type OrderStatus = DeviceOrdersTable['status'];

export interface ShipTo {
  name: string;
  street: string;
  postalCode: string;
  city: string;
}

/** The Borgerservice handover of a pickup order: who, when, and the photo ID shown. */
export interface Handover {
  staffId: string;
  at: number;
  idType: string;
  /** The last four characters of the ID's number: never the whole number. */
  idLast4: string;
}

export interface DeviceOrder {
  id: string;
  cpr: string;
  kind: OrderKind;
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
  /** The price when ordered, in øre (0: free). */
  priceOre: number;
  /** The language of the order's letters. */
  lang: Lang;
  /** Pickup orders once collected. */
  handover: Handover | null;
}

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (deviceKinds as readonly string[]).includes(value);
}

export function isOrderKind(value: unknown): value is OrderKind {
  return typeof value === 'string' && (orderKinds as readonly string[]).includes(value);
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
    priceOre: Number(row.price_ore),
    lang: row.lang === 'en' ? 'en' : 'da',
    handover:
      row.handed_over_by !== null && row.handed_over_at !== null
        ? {
            staffId: row.handed_over_by,
            at: Number(row.handed_over_at),
            idType: row.id_type ?? '',
            idLast4: row.id_last4 ?? '',
          }
        : null,
  };
}
