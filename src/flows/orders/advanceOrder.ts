/**
 * Moves an order along its tracking path (statusPath.ts). Rules:
 * - only forward, along the order's own path ('backwards', 'notOnPath': post has no
 *   ready_for_pickup, pickup no shipped); skipping ahead is allowed;
 * - idempotent: advancing to the state the order is in changes nothing and says so
 *   (changed: false), so a repeated tracking event or a double click is harmless;
 * - when the device leaves the warehouse (shipped / ready_for_pickup, or skipping over it), a
 *   code device gets its serial from the stock through the SerialSource port, and the person
 *   gets a letter (shippedLetter / readyLetter) in the outbox; no device in stock: 'outOfStock',
 *   and the order stays as it was. A chip gets the letter but no serial;
 * - everything of one step is ONE transaction: the conditional UPDATE of the status (compare-and-
 *   set on the status read: of two concurrent advances one writes, the other's matches no row
 *   and it reads again), then the reservation and the serial on the order, then the letter. The
 *   loser of a race never reaches the stock, so two advances reserve one serial;
 * - the closing state (delivered, collected) closes the order, so the person may order again.
 * `afterStep` runs after each write inside the transaction (atomicity tests fail there).
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { enqueueMessage, wakeDelivery } from '../../core/messages/index.ts';
import { fullName, PeopleStore } from '../../core/people/index.ts';
import type { DeviceOrder, OrderStatus } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import { OfficeStore } from './OfficeStore.ts';
import type { OrderDeps } from './OrderDeps.ts';
import { type Letter, readyLetter, shippedLetter } from './orderLetter.ts';
import { finalStatus, hasSerialAt, passesWarehouse, statusPath } from './statusPath.ts';

export type AdvanceRefusal = 'orderNotFound' | 'notOnPath' | 'backwards' | 'outOfStock';

export type AdvanceResult =
  | { ok: true; order: DeviceOrder; changed: boolean }
  | { ok: false; reason: AdvanceRefusal };

export type AdvanceStep = 'status' | 'serial' | 'letter';

const MAX_TRIES = 5;

/** Thrown inside the transaction to roll it back with a reason. */
class Refused extends Error {
  readonly reason: AdvanceRefusal;
  constructor(reason: AdvanceRefusal) {
    super(reason);
    this.reason = reason;
  }
}

export async function advanceOrder(
  deps: OrderDeps,
  orderId: string,
  toStatus: OrderStatus,
  afterStep?: (step: AdvanceStep) => Promise<void>,
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

    let outcome: { order: DeviceOrder; letter: boolean } | undefined;
    try {
      outcome = await deps.db.transaction().execute((trx) => step(deps, trx, order, toStatus, afterStep));
    } catch (err) {
      if (err instanceof Refused) return { ok: false, reason: err.reason };
      throw err;
    }
    if (!outcome) continue; // another advance moved the order first: read it again
    if (outcome.letter) wakeDelivery(deps.db);
    return { ok: true, order: outcome.order, changed: true };
  }
  throw new Error(`order ${orderId} could not be advanced after ${MAX_TRIES} tries`);
}

async function step(
  deps: OrderDeps,
  trx: Kysely<MitidDb>,
  order: DeviceOrder,
  toStatus: OrderStatus,
  afterStep?: (step: AdvanceStep) => Promise<void>,
): Promise<{ order: DeviceOrder; letter: boolean } | undefined> {
  const now = deps.clock.now().getTime();
  const updated = await trx
    .updateTable('device_orders')
    .set({
      status: toStatus,
      open: toStatus === finalStatus(order.delivery) ? 0 : 1,
      updated_at: now,
    })
    .where('id', '=', order.id)
    .where('status', '=', order.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  await afterStep?.('status');

  let serial = order.serialNumber;
  if (serial === null && order.kind !== 'chip' && hasSerialAt(order.kind, order.delivery, toStatus)) {
    serial = (await deps.serials?.reserve(trx, order.kind, order.id)) ?? null;
    if (serial === null) throw new Refused('outOfStock');
    await trx
      .updateTable('device_orders')
      .set({ serial_number: serial })
      .where('id', '=', order.id)
      .execute();
    await afterStep?.('serial');
  }

  const passes = passesWarehouse(order.delivery, order.status, toStatus);
  if (passes) {
    const letter = await warehouseLetter(trx, order, serial);
    await enqueueMessage(
      trx,
      { channel: 'digitalpost', to: order.cpr, ...letter },
      { id: deps.random.token(16), now: new Date(now) },
    );
    await afterStep?.('letter');
  }

  const after = await new DeviceOrderStore(trx).get(order.id);
  if (!after) throw new Error('order vanished inside its own transaction');
  return { order: after, letter: passes };
}

/** "Din … er sendt" (post) or "Din … er klar til afhentning" (pickup), in the order's language. */
async function warehouseLetter(
  trx: Kysely<MitidDb>,
  order: DeviceOrder,
  serial: string | null,
): Promise<Letter> {
  if (order.delivery === 'post') {
    const name = order.shipTo?.name ?? (await personName(trx, order.cpr));
    return shippedLetter(order.lang, name, order.kind, { trackingNo: order.trackingNo ?? '', serial });
  }
  const offices = new OfficeStore(trx);
  const slot = order.slotId ? await offices.getSlot(order.slotId) : undefined;
  const office = order.officeId ? await offices.getOffice(order.officeId) : undefined;
  if (!slot || !office || serial === null) throw new Error('pickup order without slot, office or serial');
  return readyLetter(order.lang, await personName(trx, order.cpr), order.kind, {
    office,
    startsAt: slot.startsAt,
    serial,
  });
}

async function personName(trx: Kysely<MitidDb>, cpr: string): Promise<string> {
  const person = await new PeopleStore(trx).getByCpr(cpr);
  return person ? fullName(person) : '';
}
