/**
 * Chip orders kept in memory for the self-service's tests, until flows/orders takes kind 'chip'
 * (wp-fulfilment): one open order per CPR number, as the orders' unique index keeps it.
 */
import type { Lang } from '../../../i18n/types.ts';
import type { ChipOrderResult, ChipOrders } from '../ports.ts';

export class FakeChipOrders implements ChipOrders {
  readonly orders = new Map<string, { orderId: string; lang: Lang }>();
  async place(input: { cpr: string; lang: Lang }): Promise<ChipOrderResult> {
    if (this.orders.has(input.cpr)) return { ok: false, reason: 'alreadyOrdered' };
    const orderId = `MC-${String(this.orders.size + 1).padStart(6, '0')}`;
    this.orders.set(input.cpr, { orderId, lang: input.lang });
    return { ok: true, orderId, priceOre: 14360 };
  }
}
