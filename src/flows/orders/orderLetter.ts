/**
 * The Digital Post letter sent with an order: a greeting, what was ordered and where it goes (post:
 * the address, the latest arrival and the tracking number; pickup: the office, its address and the
 * booked time), then the guide's four activation steps for the device, the safety rule and whom to
 * call if the person did not order it. Plain text in paragraphs: Digital Post letters are read in
 * many clients.
 */
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { formatOrderDate, formatOrderTime } from '../../platform/time/formatOrderTime.ts';
import type { DeviceKind, ShipTo } from './DeviceOrder.ts';
import type { Office } from './demoOffices.ts';

export type LetterDetails =
  | { delivery: 'post'; shipTo: ShipTo; expectedBy: number; trackingNo: string }
  | { delivery: 'pickup'; office: Office; startsAt: number };

export interface Letter {
  subject: string;
  body: string;
}

export function orderLetter(lang: Lang, name: string, kind: DeviceKind, details: LetterDetails): Letter {
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
      : [
          t(lang, 'orders.letter.pickup.intro', { device }),
          [
            details.office.name,
            details.office.street,
            `${details.office.postalCode} ${details.office.city}`,
            t(lang, 'orders.letter.pickup.when', {
              date: formatOrderDate(lang, details.startsAt),
              time: formatOrderTime(lang, details.startsAt),
            }),
          ].join('\n'),
          t(lang, 'orders.letter.pickup.bringId'),
        ];
  const steps = [
    t(lang, 'orders.letter.activate.step1'),
    t(lang, 'orders.letter.activate.step2'),
    t(lang, `orders.letter.activate.step3.${kind}`),
    t(lang, `orders.letter.activate.step4.${kind}`),
  ].join('\n');
  const paragraphs = [
    t(lang, 'orders.letter.greeting', { name }),
    ...where,
    t(lang, 'orders.letter.activate.heading', { device }),
    t(lang, 'orders.letter.activate.intro', { device }),
    steps,
    t(lang, 'orders.letter.safety', { device }),
    t(lang, 'orders.letter.notYou', { device }),
    `${t(lang, 'orders.letter.closing')}\n${t(lang, 'orders.letter.sender')}`,
  ];
  return {
    subject: t(lang, `orders.letter.subject.${details.delivery}`, { device }),
    body: paragraphs.join('\n\n'),
  };
}
