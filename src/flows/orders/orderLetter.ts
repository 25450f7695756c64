/**
 * The Digital Post letters of an order, plain text in paragraphs (Digital Post letters are read
 * in many clients):
 * - `orderLetter`, when the order is placed: a greeting, what was ordered and where it goes (post:
 *   the address, the latest arrival and the tracking number; pickup: the office, its address and
 *   the booked time), the price ("Pris: 0 kr." or "Pris: 41,76 kr. Betaling: faktura i Digital
 *   Post"), then how to activate (code device: the guide's four steps) or add (chip) it;
 * - `shippedLetter`, when the parcel leaves the warehouse: the tracking number, and for a code
 *   device the last four digits of its serial (so the person can tell it is theirs) and the four
 *   activation steps;
 * - `readyLetter`, when a pickup order is at the office: office, address, time, photo ID.
 * Every letter ends with the safety rule and whom to call if the person did not order it.
 */
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { formatOrderDate, formatOrderTime } from '../../platform/time/formatOrderTime.ts';
import type { OrderKind, ShipTo } from './DeviceOrder.ts';
import type { Office } from './demoOffices.ts';
import { formatPrice } from './prices.ts';

export type LetterDetails = (
  | { delivery: 'post'; shipTo: ShipTo; expectedBy: number; trackingNo: string }
  | { delivery: 'pickup'; office: Office; startsAt: number }
) & { priceOre: number };

export interface Letter {
  subject: string;
  body: string;
}

export function orderLetter(lang: Lang, name: string, kind: OrderKind, details: LetterDetails): Letter {
  const device = t(lang, `orders.kind.${kind}`);
  const where =
    details.delivery === 'post'
      ? [
          t(lang, 'orders.letter.post.intro', { device }),
          [
            details.shipTo.name,
            details.shipTo.street,
            `${details.shipTo.postalCode} ${details.shipTo.city}`,
          ].join('\n'),
          t(lang, 'orders.letter.post.arrival', {
            date: formatOrderDate(lang, details.expectedBy),
            trackingNo: details.trackingNo,
          }),
        ]
      : pickupParagraphs(lang, 'orders.letter.pickup.intro', device, details.office, details.startsAt);
  return {
    subject: t(lang, `orders.letter.subject.${details.delivery}`, { device }),
    body: letterBody(lang, name, device, [...where, priceLine(lang, details.priceOre), ...howTo(lang, kind)]),
  };
}

export function shippedLetter(
  lang: Lang,
  name: string,
  kind: OrderKind,
  details: { trackingNo: string; serial: string | null },
): Letter {
  const device = t(lang, `orders.kind.${kind}`);
  const paragraphs = [t(lang, 'orders.letter.shipped.intro', { device, trackingNo: details.trackingNo })];
  if (details.serial)
    paragraphs.push(t(lang, 'orders.letter.serialEnds', { device, last4: last4(details.serial) }));
  return {
    subject: t(lang, 'orders.letter.subject.shipped', { device }),
    body: letterBody(lang, name, device, [...paragraphs, ...howTo(lang, kind)]),
  };
}

export function readyLetter(
  lang: Lang,
  name: string,
  kind: OrderKind,
  details: { office: Office; startsAt: number; serial: string },
): Letter {
  const device = t(lang, `orders.kind.${kind}`);
  return {
    subject: t(lang, 'orders.letter.subject.ready', { device }),
    body: letterBody(lang, name, device, [
      ...pickupParagraphs(lang, 'orders.letter.ready.intro', device, details.office, details.startsAt),
      t(lang, 'orders.letter.serialEnds', { device, last4: last4(details.serial) }),
      ...howTo(lang, kind),
    ]),
  };
}

/** The serial's last four digits ("KV-123456789" → "6789"). */
export function last4(serial: string): string {
  return serial.slice(-4);
}

function pickupParagraphs(
  lang: Lang,
  intro: 'orders.letter.pickup.intro' | 'orders.letter.ready.intro',
  device: string,
  office: Office,
  startsAt: number,
): string[] {
  return [
    t(lang, intro, { device }),
    [
      office.name,
      office.street,
      `${office.postalCode} ${office.city}`,
      t(lang, 'orders.letter.pickup.when', {
        date: formatOrderDate(lang, startsAt),
        time: formatOrderTime(lang, startsAt),
      }),
    ].join('\n'),
    t(lang, 'orders.letter.pickup.bringId'),
  ];
}

function priceLine(lang: Lang, ore: number): string {
  const price = formatPrice(lang, ore);
  return ore === 0
    ? t(lang, 'orders.letter.price.free', { price })
    : t(lang, 'orders.letter.price.invoice', { price });
}

/** Code device: the guide's four activation steps; chip: how it is added on MitID.dk. */
function howTo(lang: Lang, kind: OrderKind): string[] {
  const device = t(lang, `orders.kind.${kind}`);
  if (kind === 'chip') {
    return [
      t(lang, 'orders.letter.chip.heading'),
      [
        t(lang, 'orders.letter.chip.step1'),
        t(lang, 'orders.letter.chip.step2'),
        t(lang, 'orders.letter.chip.step3'),
      ].join('\n'),
    ];
  }
  return [
    t(lang, 'orders.letter.activate.heading', { device }),
    t(lang, 'orders.letter.activate.intro', { device }),
    [
      t(lang, 'orders.letter.activate.step1'),
      t(lang, 'orders.letter.activate.step2'),
      t(lang, `orders.letter.activate.step3.${kind}`),
      t(lang, `orders.letter.activate.step4.${kind}`),
    ].join('\n'),
  ];
}

function letterBody(lang: Lang, name: string, device: string, middle: string[]): string {
  return [
    t(lang, 'orders.letter.greeting', { name }),
    ...middle,
    t(lang, 'orders.letter.safety', { device }),
    t(lang, 'orders.letter.notYou', { device }),
    `${t(lang, 'orders.letter.closing')}\n${t(lang, 'orders.letter.sender')}`,
  ].join('\n\n');
}
