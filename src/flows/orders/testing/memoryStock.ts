/**
 * A stand-in for the SerialSource port in this module's unit tests (the product path uses
 * kinds/code-device's stock, wired by roots/mitid): `count` serials of each kind, KV-/KO- and 9
 * digits, handed out in order, once each. It counts its calls, so a test can see that the loser
 * of a race never reached the stock. Not transactional: a reservation is not undone by a rollback
 * (the real one is, on the order's transaction).
 */
import type { DeviceKind } from '../DeviceOrder.ts';
import type { SerialSource } from '../SerialSource.ts';

export interface MemoryStock extends SerialSource {
  /** The serials still in stock, by kind. */
  left: Record<DeviceKind, string[]>;
  /** Which order got which serial, in the order reserved. */
  reserved: { serial: string; orderId: string }[];
  calls: number;
}

export function memoryStock(count = 10): MemoryStock {
  const make = (prefix: string) =>
    Array.from({ length: count }, (_, i) => `${prefix}${String(100_000_001 + i)}`);
  const stock: MemoryStock = {
    left: { codeDisplay: make('KV-'), codeReader: make('KO-') },
    reserved: [],
    calls: 0,
    async reserve(_trx, kind, orderId) {
      stock.calls++;
      const serial = stock.left[kind].shift();
      if (serial) stock.reserved.push({ serial, orderId });
      return serial;
    },
  };
  return stock;
}
