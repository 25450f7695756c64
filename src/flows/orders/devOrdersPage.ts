/**
 * Development only (DEV_PAGES): /dev/ordrer lists every open order (oldest first) with a button
 * that moves it one step along its path, as the warehouse, PostNord or the office would: packed,
 * shipped (a serial from the stock and the letter), delivered; ready_for_pickup, collected. A
 * forms POST with the CSRF token; a refusal (outOfStock: the stock is empty) is shown on the page
 * with status 409 and changes nothing. Without DEV_PAGES the paths are never registered (404).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { T } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { csrfField, secondaryButton } from '../../platform/html/components.ts';
import { html } from '../../platform/html/html.ts';
import type { DeviceOrder, OrderStatus } from './DeviceOrder.ts';
import type { DeviceOrders } from './DeviceOrders.ts';
import { formatPrice } from './prices.ts';
import { statusPath } from './statusPath.ts';

export const DEV_ORDERS_PATH = '/dev/ordrer';

/** The state after the order's current one, or undefined when it is closed. */
export function nextStatus(order: DeviceOrder): OrderStatus | undefined {
  const path = statusPath(order.delivery);
  return path[path.indexOf(order.status) + 1];
}

export function registerDevOrders(app: FastifyInstance, orders: DeviceOrders): void {
  app.get(DEV_ORDERS_PATH, async (req, reply) => page(orders, req, reply));
  app.post(`${DEV_ORDERS_PATH}/:id`, async (req, reply) => {
    const { id } = req.params as { id: string };
    const to = (req.body as Record<string, unknown> | undefined)?.to;
    const order = await orders.getOrder(id);
    if (!order || typeof to !== 'string') {
      return page(orders, req, reply, { status: 404, message: req.t('orders.refusal.orderNotFound') });
    }
    const r = await orders.advanceOrder(id, to as OrderStatus);
    if (r.ok) return reply.redirect(DEV_ORDERS_PATH, 303);
    const device = req.t(`orders.kind.${order.kind}`);
    return page(orders, req, reply, {
      status: 409,
      message: req.t(`orders.refusal.${r.reason}`, { device }),
    });
  });
}

async function page(
  orders: DeviceOrders,
  req: FastifyRequest,
  reply: FastifyReply,
  error?: { status: number; message: string },
): Promise<FastifyReply> {
  const { t, lang } = req;
  const open = await orders.openOrders();
  const csrf = reply.generateCsrf();
  const body = html`<h1>${t('orders.dev.title')}</h1>
<p class="dev-banner">${t('orders.dev.banner')}</p>
${
  error
    ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${error.message}</p></div></div>`
    : ''
}
${
  open.length === 0
    ? html`<p>${t('orders.dev.none')}</p>`
    : html`<table class="table table--compact">
  <caption>${t('orders.dev.caption', { count: open.length })}</caption>
  <thead><tr>
    <th scope="col">${t('orders.dev.order')}</th>
    <th scope="col">${t('orders.dev.person')}</th>
    <th scope="col">${t('orders.dev.kind')}</th>
    <th scope="col">${t('orders.dev.status')}</th>
    <th scope="col">${t('orders.dev.price')}</th>
    <th scope="col">${t('orders.dev.serial')}</th>
    <th scope="col">${t('orders.dev.next')}</th>
  </tr></thead>
  <tbody>
    ${open.map((o) => row(t, lang, o, csrf))}
  </tbody>
</table>`
}`;
  reply.header('x-robots-tag', 'noindex, nofollow').header('cache-control', 'no-store');
  if (error) reply.code(error.status);
  return reply.page(t('orders.dev.title'), body);
}

function row(t: T, lang: Lang, o: DeviceOrder, csrf: string) {
  const next = nextStatus(o);
  return html`<tr>
  <td><code>${o.id}</code></td>
  <td>${o.cpr.slice(0, 6)}-${o.cpr.slice(6)}</td>
  <td>${t(`orders.kind.${o.kind}`)} (${t(`orders.delivery.${o.delivery}`)})</td>
  <td>${t(`orders.status.${o.status}`)}</td>
  <td>${formatPrice(lang, o.priceOre)}</td>
  <td>${o.serialNumber ?? '–'}</td>
  <td>${
    next
      ? html`<form method="post" action="${DEV_ORDERS_PATH}/${o.id}">
    ${csrfField(csrf)}
    <input type="hidden" name="to" value="${next}">
    ${secondaryButton(t('orders.dev.advance', { status: t(`orders.status.${next}`) }))}
  </form>`
      : ''
  }</td>
</tr>`;
}
