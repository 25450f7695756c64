/**
 * What an order costs (selfservice.md §2.5, decision 0014 §5): the first three code devices a
 * person orders (kodeviser and kodeoplæser counted together, every order ever placed) are free,
 * then 41,76 kr for a kodeviser and 41,71 kr for a kodeoplæser; a MitID chip costs 143,60 kr.
 * Prices are whole øre. `priceFor` is what a page shows before the order is placed; placeOrder
 * computes the same inside its transaction and stores it on the order.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import type { Lang } from '../../i18n/types.ts';
import { deviceKinds, type OrderKind } from './DeviceOrder.ts';

export const FREE_CODE_DEVICES = 3;

export const priceOre: Record<OrderKind, number> = { codeDisplay: 4176, codeReader: 4171, chip: 14360 };

/** How many code devices the person has ordered so far (open or not). */
export async function codeDevicesOrdered(db: Kysely<MitidDb>, cpr: string): Promise<number> {
  const row = await db
    .selectFrom('device_orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('cpr', '=', cpr)
    .where('kind', 'in', [...deviceKinds])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The price in øre of the person's next order of `kind`. */
export async function priceFor(db: Kysely<MitidDb>, cpr: string, kind: OrderKind): Promise<number> {
  if (kind === 'chip') return priceOre.chip;
  return (await codeDevicesOrdered(db, cpr)) < FREE_CODE_DEVICES ? 0 : priceOre[kind];
}

/** "41,76 kr." / "0 kr." in Danish, "DKK 41.76" / "DKK 0" in English. */
export function formatPrice(lang: Lang, ore: number): string {
  const whole = ore % 100 === 0;
  const amount = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'da-DK', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
    useGrouping: true,
  }).format(ore / 100);
  return lang === 'en' ? `DKK ${amount}` : `${amount} kr.`;
}
