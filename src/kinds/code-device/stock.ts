/**
 * The stock of code devices (code_device_stock): what fulfilment reserves for an order, what the
 * simulators and the CLI read the current code of, and what `list` shows. Rules:
 * - reserve is one conditional UPDATE in_stock → reserved with the order id; an order that already
 *   holds a device gets that one again (a repeated advance), and a device taken by a parallel
 *   reserve is skipped for the next (a few tries); no stock: undefined, nothing changed;
 * - the current code is the device's own (its seed opened, the step of now), never stored.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { DeviceSecretSealer } from './secretSealer.ts';
import type { CodeDeviceKind, StockStatus } from './tables.ts';
import { codeAt } from './totp.ts';

/** What flows/orders declares as its port (wp-fulfilment), structurally. */
export interface SerialSource {
  reserve(trx: Kysely<MitidDb>, kind: CodeDeviceKind, orderId: string): Promise<string | undefined>;
}

/** Each failed try means a parallel reserve took that device: enough for many at once. */
const RESERVE_TRIES = 20;

/** The stock as fulfilment's SerialSource; `now` is the injected clock. */
export function createSerialSource(now: () => number): SerialSource {
  return {
    async reserve(trx, kind, orderId) {
      const held = await trx
        .selectFrom('code_device_stock')
        .select('serial')
        .where('order_id', '=', orderId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      if (held) return held.serial;
      for (let tries = 0; tries < RESERVE_TRIES; tries++) {
        const next = await trx
          .selectFrom('code_device_stock')
          .select('serial')
          .where('kind', '=', kind)
          .where('status', '=', 'in_stock')
          .orderBy('serial')
          .limit(1)
          .executeTakeFirst();
        if (!next) return undefined;
        const moved = await trx
          .updateTable('code_device_stock')
          .set({ status: 'reserved', order_id: orderId, updated_at: now() })
          .where('serial', '=', next.serial)
          .where('status', '=', 'in_stock')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 1) return next.serial;
      }
      return undefined;
    },
  };
}

/** The code the device with `serial` shows at `nowMs`; undefined for an unknown serial. */
export async function currentCodeOf(
  db: Kysely<MitidDb>,
  sealer: DeviceSecretSealer,
  serial: string,
  nowMs: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('code_device_stock')
    .select('secret')
    .where('serial', '=', serial)
    .executeTakeFirst();
  const secret = row ? sealer.open(row.secret, serial) : undefined;
  return secret ? codeAt(secret, nowMs) : undefined;
}

export interface StockEntry {
  serial: string;
  kind: CodeDeviceKind;
  status: StockStatus;
  batch: string;
  orderId: string | null;
  importedAt: number;
}

export async function listStock(
  db: Kysely<MitidDb>,
  filter: { kind?: CodeDeviceKind; status?: StockStatus } = {},
): Promise<StockEntry[]> {
  let q = db
    .selectFrom('code_device_stock')
    .select(['serial', 'kind', 'status', 'batch', 'order_id', 'imported_at'])
    .orderBy('serial');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.execute()).map((r) => ({
    serial: r.serial,
    kind: r.kind,
    status: r.status,
    batch: r.batch,
    orderId: r.order_id,
    importedAt: Number(r.imported_at),
  }));
}

export async function stockCount(db: Kysely<MitidDb>, kind: CodeDeviceKind): Promise<number> {
  const row = await db
    .selectFrom('code_device_stock')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
