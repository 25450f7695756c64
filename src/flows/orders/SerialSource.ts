/**
 * The port through which an order gets its device's serial from the stock (decision 0014 §5):
 * declared here, implemented by kinds/code-device on `code_device_stock` (in_stock → reserved,
 * bound to the order), passed in by the root. `reserve` runs on the order's own transaction, so
 * the reservation and the order's state change commit together or not at all; `undefined` means
 * no device of that kind is in stock (the order then stays as it was: `outOfStock`).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { DeviceKind } from './DeviceOrder.ts';

export interface SerialSource {
  reserve(trx: Kysely<MitidDb>, kind: DeviceKind, orderId: string): Promise<string | undefined>;
}
