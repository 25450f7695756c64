/**
 * The one entry point the wizard and dev pages use: offices, slots and orders bound to one set of
 * dependencies. Each method is a thin call to the file that holds its rules.
 */
import { type AdvanceResult, type AdvanceStep, advanceOrder } from './advanceOrder.ts';
import { type BookSlotResult, bookSlot } from './bookSlot.ts';
import type { DeviceOrder, OrderKind, OrderStatus } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import { deliverAll } from './deliverAll.ts';
import type { Office } from './demoOffices.ts';
import { type HandOverInput, type HandOverResult, handOver } from './handOver.ts';
import { OfficeStore, type Slot } from './OfficeStore.ts';
import type { OrderDeps } from './OrderDeps.ts';
import { type Pickup, pickupsOf } from './pickupsOf.ts';
import {
  type PlaceOrderInput,
  type PlaceOrderResult,
  type PlaceOrderStep,
  placeOrder,
} from './placeOrder.ts';
import { priceFor } from './prices.ts';
import { type SeedResult, seedOffices } from './seedOffices.ts';

export class DeviceOrders {
  readonly #deps: OrderDeps;
  constructor(deps: OrderDeps) {
    this.#deps = deps;
  }

  seedOffices(): Promise<SeedResult> {
    return seedOffices(this.#deps.db, this.#deps.clock, this.#deps.random);
  }
  listOffices(municipalityCode?: string): Promise<Office[]> {
    return new OfficeStore(this.#deps.db).listOffices(municipalityCode);
  }
  getOffice(officeId: string): Promise<Office | undefined> {
    return new OfficeStore(this.#deps.db).getOffice(officeId);
  }
  freeSlots(officeId: string, from: number, to: number): Promise<Slot[]> {
    return new OfficeStore(this.#deps.db).freeSlots(officeId, from, to);
  }
  getSlot(slotId: string): Promise<Slot | undefined> {
    return new OfficeStore(this.#deps.db).getSlot(slotId);
  }
  /** A booking on its own; placeOrder books in its own transaction. */
  bookSlot(slotId: string): Promise<BookSlotResult> {
    return bookSlot(this.#deps.db, this.#deps.clock, slotId);
  }

  placeOrder(
    input: PlaceOrderInput,
    afterStep?: (step: PlaceOrderStep) => Promise<void>,
  ): Promise<PlaceOrderResult> {
    return placeOrder(this.#deps, input, afterStep);
  }
  advanceOrder(
    orderId: string,
    toStatus: OrderStatus,
    afterStep?: (step: AdvanceStep) => Promise<void>,
  ): Promise<AdvanceResult> {
    return advanceOrder(this.#deps, orderId, toStatus, afterStep);
  }
  /** The price in øre of the person's next order of `kind` (prices.ts). */
  priceFor(cpr: string, kind: OrderKind): Promise<number> {
    return priceFor(this.#deps.db, cpr, kind);
  }
  /** The Borgerservice handover: ready_for_pickup → collected (handOver.ts). */
  handOver(input: HandOverInput): Promise<HandOverResult> {
    return handOver(this.#deps, input);
  }
  /** The office's pickups with a slot in [dayStart, dayEnd) (pickupsOf.ts). */
  pickupsOf(officeId: string, dayStart: number, dayEnd: number): Promise<Pickup[]> {
    return pickupsOf(this.#deps, officeId, dayStart, dayEnd);
  }
  /** Every open order, oldest first (the dev page and the CLI). */
  openOrders(): Promise<DeviceOrder[]> {
    return new DeviceOrderStore(this.#deps.db).openOrders();
  }
  deliverAll(cpr: string): Promise<DeviceOrder[]> {
    return deliverAll(this.#deps, cpr);
  }
  getOrder(orderId: string): Promise<DeviceOrder | undefined> {
    return new DeviceOrderStore(this.#deps.db).get(orderId);
  }
  ordersOf(cpr: string): Promise<DeviceOrder[]> {
    return new DeviceOrderStore(this.#deps.db).ordersOf(cpr);
  }
  openOrder(cpr: string, kind: OrderKind): Promise<DeviceOrder | undefined> {
    return new DeviceOrderStore(this.#deps.db).openOrder(cpr, kind);
  }
}
