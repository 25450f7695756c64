/**
 * The one entry point the wizard and dev pages use: offices, slots and orders bound to one set of
 * dependencies. Each method is a thin call to the file that holds its rules.
 */
import { type AdvanceResult, advanceOrder } from './advanceOrder.ts';
import { type BookSlotResult, bookSlot } from './bookSlot.ts';
import type { DeviceKind, DeviceOrder, OrderStatus } from './DeviceOrder.ts';
import { DeviceOrderStore } from './DeviceOrderStore.ts';
import { deliverAll } from './deliverAll.ts';
import type { Office } from './demoOffices.ts';
import { OfficeStore, type Slot } from './OfficeStore.ts';
import type { OrderDeps } from './OrderDeps.ts';
import {
  type PlaceOrderInput,
  type PlaceOrderResult,
  type PlaceOrderStep,
  placeOrder,
} from './placeOrder.ts';
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
  advanceOrder(orderId: string, toStatus: OrderStatus): Promise<AdvanceResult> {
    return advanceOrder(this.#deps, orderId, toStatus);
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
  openOrder(cpr: string, kind: DeviceKind): Promise<DeviceOrder | undefined> {
    return new DeviceOrderStore(this.#deps.db).openOrder(cpr, kind);
  }
}
