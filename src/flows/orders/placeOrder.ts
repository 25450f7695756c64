/**
 * Places an order of a kodeviser, a kodeoplæser or a MitID chip. Rules:
 * - the person exists in the registry ('personNotFound');
 * - at most one open order per person and kind ('alreadyOrdered'): checked first for a clear
 *   answer, and enforced by the unique partial index of migration 0007 when two orders race;
 * - a chip is sent by post only ('chipByPostOnly');
 * - the price (prices.ts: the first three code devices free) is computed and stored on the order;
 *   the person's row is locked first (a no-op conditional UPDATE), so two orders of the person
 *   at once are counted one after the other and the fourth device is never free;
 * - post: the person's name and address are copied onto the order (a later move does not redirect
 *   a parcel on its way), it arrives within 15 days (the guide), and it gets a tracking number;
 * - pickup: a slot is required ('slotRequired') and booked with bookSlot ('slotNotFound',
 *   'slotPast', 'slotFull'); the booked time is the order's expected_by;
 * - the booking, the order and the Digital Post letter are written in ONE transaction: all three
 *   or none. `afterStep` runs after each write inside it (atomicity tests fail there).
 * The letter is enqueued in the outbox on that transaction (enqueueMessage, "queued"), and the
 * service's delivery worker is woken after the commit.
 */
import type { Kysely, Transaction } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { enqueueMessage, wakeDelivery } from '../../core/messages/index.ts';
import { fullName, PeopleStore } from '../../core/people/index.ts';
import type { Lang } from '../../i18n/types.ts';
import { DAY } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/isUniqueViolation.ts';
import { bookSlot, type SlotRefusal } from './bookSlot.ts';
import { type Delivery, type DeviceOrder, isDelivery, isOrderKind, type OrderKind } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import { newTrackingNumber } from './deviceNumbers.ts';
import { OfficeStore } from './OfficeStore.ts';
import type { OrderDeps } from './OrderDeps.ts';
import { type LetterDetails, orderLetter } from './orderLetter.ts';
import { priceFor } from './prices.ts';

/** The guide: "Du vil modtage den med posten inden for 15 dage." */
export const POST_DELIVERY_DAYS = 15;

export interface PlaceOrderInput {
  cpr: string;
  kind: OrderKind;
  delivery: Delivery;
  /** Required for pickup, not allowed for post. */
  slotId?: string;
  /** The letter's language; Danish unless the person chose English. */
  lang?: Lang;
}

export type PlaceOrderRefusal =
  | 'personNotFound'
  | 'alreadyOrdered'
  | 'chipByPostOnly'
  | 'slotRequired'
  | SlotRefusal;

export type PlaceOrderResult = { ok: true; order: DeviceOrder } | { ok: false; reason: PlaceOrderRefusal };

export type PlaceOrderStep = 'booking' | 'order' | 'letter';

/** Thrown inside the transaction to roll it back with a reason. */
class Refused extends Error {
  readonly reason: PlaceOrderRefusal;
  constructor(reason: PlaceOrderRefusal) {
    super(reason);
    this.reason = reason;
  }
}

export async function placeOrder(
  deps: OrderDeps,
  input: PlaceOrderInput,
  afterStep?: (step: PlaceOrderStep) => Promise<void>,
): Promise<PlaceOrderResult> {
  if (!isOrderKind(input.kind)) throw new TypeError('kind must be codeDisplay, codeReader or chip');
  if (!isDelivery(input.delivery)) throw new TypeError('delivery must be post or pickup');
  if (input.delivery === 'post' && input.slotId !== undefined)
    throw new TypeError('a post order takes no slot');
  if (input.kind === 'chip' && input.delivery !== 'post') return { ok: false, reason: 'chipByPostOnly' };
  if (input.delivery === 'pickup' && !input.slotId) return { ok: false, reason: 'slotRequired' };
  try {
    const order = await deps.db.transaction().execute((trx) => write(deps, trx, input, afterStep));
    wakeDelivery(deps.db);
    return { ok: true, order };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    // Lost a race with another order of the same kind: the unique partial index refused ours.
    if (isUniqueViolation(err) && (await new DeviceOrderStore(deps.db).openOrder(input.cpr, input.kind))) {
      return { ok: false, reason: 'alreadyOrdered' };
    }
    throw err;
  }
}

async function write(
  deps: OrderDeps,
  trx: Transaction<MitidDb>,
  input: PlaceOrderInput,
  afterStep?: (step: PlaceOrderStep) => Promise<void>,
): Promise<DeviceOrder> {
  const db: Kysely<MitidDb> = trx;
  const now = deps.clock.now().getTime();
  const person = await new PeopleStore(db).getByCpr(input.cpr);
  if (!person) throw new Refused('personNotFound');
  // Lock the person's row: their orders are placed one at a time, so the count below is right.
  await db
    .updateTable('people')
    .set((eb) => ({ created_at: eb.ref('created_at') }))
    .where('cpr', '=', person.cpr)
    .execute();
  if (await new DeviceOrderStore(db).openOrder(person.cpr, input.kind)) throw new Refused('alreadyOrdered');
  const price = await priceFor(db, person.cpr, input.kind);
  const lang = input.lang ?? 'da';

  let details: LetterDetails;
  if (input.delivery === 'pickup') {
    const booked = await bookSlot(db, deps.clock, input.slotId ?? '');
    if (!booked.ok) throw new Refused(booked.reason);
    const office = await new OfficeStore(db).getOffice(booked.slot.officeId);
    if (!office) throw new Error('slot without office'); // the foreign key rules it out
    details = { delivery: 'pickup', office, startsAt: booked.slot.startsAt, priceOre: price };
    await afterStep?.('booking');
  } else {
    const shipTo = {
      name: fullName(person),
      street: person.street,
      postalCode: person.postalCode,
      city: person.city,
    };
    const expectedBy = now + POST_DELIVERY_DAYS * DAY;
    details = {
      delivery: 'post',
      shipTo,
      expectedBy,
      trackingNo: newTrackingNumber(deps.random),
      priceOre: price,
    };
  }

  const id = deps.random.token(16);
  const letterId = deps.random.token(16);
  const post = details.delivery === 'post' ? details : undefined;
  const pickup = details.delivery === 'pickup' ? details : undefined;
  await db
    .insertInto('device_orders')
    .values({
      id,
      cpr: person.cpr,
      kind: input.kind,
      delivery: input.delivery,
      status: 'ordered',
      open: 1,
      office_id: pickup?.office.id ?? null,
      slot_id: pickup ? (input.slotId ?? null) : null,
      ship_name: post?.shipTo.name ?? null,
      ship_street: post?.shipTo.street ?? null,
      ship_postal_code: post?.shipTo.postalCode ?? null,
      ship_city: post?.shipTo.city ?? null,
      serial_number: null,
      tracking_no: post?.trackingNo ?? null,
      letter_id: letterId,
      created_at: now,
      expected_by: post?.expectedBy ?? pickup?.startsAt ?? now,
      updated_at: now,
      price_ore: price,
      lang,
    })
    .execute();
  await afterStep?.('order');

  const letter = orderLetter(lang, fullName(person), input.kind, details);
  await enqueueMessage(
    db,
    { channel: 'digitalpost', to: person.cpr, ...letter },
    { id: letterId, now: new Date(now) },
  );
  await afterStep?.('letter');

  const order = await new DeviceOrderStore(db).get(id);
  if (!order) throw new Error('order vanished inside its own transaction');
  return order;
}
