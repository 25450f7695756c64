/**
 * What the clerk page needs of the orders (flows/orders' DeviceOrders: `getOffice`, `pickupsOf`,
 * `handOver`, wp-fulfilment), as a port so the page is written and tested before that lands. The
 * shapes are flows/orders' own.
 */
export const ID_TYPES = ['passport', 'drivingLicence', 'residenceCard'] as const;
export type IdType = (typeof ID_TYPES)[number];

export interface DeskPickup {
  orderId: string;
  kind: 'codeDisplay' | 'codeReader' | 'chip';
  status: string;
  /** The booked slot's start (epoch ms). */
  startsAt: number;
  name: string;
  birthDate: string;
  serialNumber: string | null;
  handover: { staffId: string; at: number; idType: string; idLast4: string } | null;
}

export interface HandOverInput {
  orderId: string;
  serial: string;
  staffId: string;
  idType: IdType;
  idLast4: string;
}

export type HandOverResult =
  | { ok: true }
  | { ok: false; reason: 'orderNotFound' | 'notReady' | 'serialMismatch' | 'alreadyCollected' | 'idInvalid' };

export interface PickupDesk {
  getOffice(officeId: string): Promise<{ id: string; name: string } | undefined>;
  /** The office's pickup orders with a slot in [dayStart, dayEnd), in time order. */
  pickupsOf(officeId: string, dayStart: number, dayEnd: number): Promise<readonly DeskPickup[]>;
  /** ready_for_pickup → collected, once (one conditional UPDATE), when the serial is the order's. */
  handOver(input: HandOverInput): Promise<HandOverResult>;
}
