/**
 * Step 6: get the authenticator, as the chosen kind's offer (the kind registry) delivers it. Rules:
 * - From the app store (the app): where to get it (a link and a QR code for the phone) and the note on several users;
 *   "Jeg har hentet appen" moves on;
 * - Ordered (kodeviser / kodeoplæser), by the offer's deliveries: by post (within 15 days, to the
 *   registry address, with a letter in Digital Post) or collected at a Borgerservice (choose the office, book one of its free times;
 *   a slot has a capacity and a full one is refused). The order, the booking and the letter are
 *   one transaction (src/flows/orders); the flow records the order. A delivery the offer does not
 *   name is refused on the page, and a kind flows/orders cannot order is a programming error.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { PeopleStore } from '../../../core/people/index.ts';
import { DAY } from '../../../platform/clock.ts';
import { csrfField, type FieldError, primaryButton } from '../../../platform/html/components.ts';
import { html, type SafeHtml, unsafeRaw } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { formatOrderDate, formatOrderTime } from '../../../platform/time/formatOrderTime.ts';
import { DeviceOrders, isDeviceKind } from '../../orders/index.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import { deviceName, type EnrollmentContext, isDownloaded, offerOf, stepUrl } from './enrollmentContext.ts';
import { advance, type Form, field, flowAt, movedNotice, postedVersion } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

function radio(
  name: string,
  value: string,
  id: string,
  label: string,
  hint: SafeHtml | string,
  checked: boolean,
): SafeHtml {
  return html`<li>
  <input class="form-radio" type="radio" name="${name}" value="${value}" id="${id}" aria-describedby="${id}-hint" ${checked ? 'checked' : ''}>
  <label for="${id}">${label}</label>
  <span class="form-hint" id="${id}-hint">${hint}</span>
</li>`;
}

export function registerGetStep(app: FastifyInstance, ctx: EnrollmentContext): void {
  const { deps } = ctx;
  const orders = new DeviceOrders({ db: deps.db, clock: deps.clock, random: deps.random });
  const people = new PeopleStore(deps.db);
  const appUrl = `${deps.config.mitidUrl}/app`;
  // The QR code never changes: render it once, as inline SVG (no script, CSP-safe).
  const qr = QRCode.toString(appUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

  async function renderApp(req: FastifyRequest, reply: FastifyReply, e: Enrollment): Promise<FastifyReply> {
    const t = req.t;
    const csrf = reply.generateCsrf();
    const svg = (await qr).replace(
      '<svg ',
      `<svg role="img" aria-label="${t('wizard.get.qrAlt', { url: appUrl }).replace(/"/g, '&quot;')}" class="app-qr" `,
    );
    const body = html`<p>${t('wizard.get.appNow')}</p>
<p>${t('wizard.get.appWhere')} <a href="${appUrl}">${appUrl}</a></p>
<div class="app-qr-box">${unsafeRaw(svg)}</div>
<h2>${t('wizard.get.severalUsersTitle')}</h2>
<p>${t('wizard.get.severalUsers')}</p>
<form method="post" action="/tilmelding/${e.id}/hent">
  ${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}">
  ${primaryButton(t('wizard.get.haveApp'), { name: 'delivery', value: 'appStore' })}
</form>`;
    return wizardPage(req, reply, {
      enrollment: e,
      step: 'getAuthenticator',
      title: t('wizard.get.titleApp'),
      body,
      csrf,
      ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
    });
  }

  async function renderDevice(
    req: FastifyRequest,
    reply: FastifyReply,
    e: Enrollment,
    chosen: { delivery?: string; officeId?: string; slotId?: string } = {},
    errors: FieldError[] = [],
  ): Promise<FastifyReply> {
    const t = req.t;
    const csrf = reply.generateCsrf();
    const person = await people.getByCpr(e.cpr);
    const address = person ? `${person.street}, ${person.postalCode} ${person.city}` : '';
    const offices = await orders.listOffices();
    const officeId =
      chosen.officeId && offices.some((o) => o.id === chosen.officeId)
        ? chosen.officeId
        : (offices.find((o) => o.municipalityCode === person?.municipalityCode) ?? offices[0])?.id;
    const now = deps.clock.now().getTime();
    const slots = officeId ? (await orders.freeSlots(officeId, now, now + 21 * DAY)).slice(0, 30) : [];
    const error = (f: string) => errors.find((x) => x.field === f)?.message;
    const delivery = chosen.delivery ?? '';
    const offered = offerOf(ctx, e).deliveries;
    const first = offered[0];
    const body = html`<p>${t('wizard.get.deviceIntro')}</p>
<form method="post" action="/tilmelding/${e.id}/hent" novalidate>
  ${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}">
  <div class="form-group ${error('delivery') ? 'form-error' : ''}">
    <fieldset>
      <legend class="form-label">${t('wizard.get.deliveryLegend')}</legend>
      ${error('delivery') ? html`<span class="form-error-message"><span class="sr-only">${t('common.errorPrefix')} </span>${error('delivery')}</span>` : ''}
      <ul class="nobullet-list">
        ${offered.includes('post') ? radio('delivery', 'post', first === 'post' ? 'delivery' : 'delivery-post', t('orders.delivery.post'), t('wizard.get.postHint', { address }), delivery === 'post') : ''}
        ${offered.includes('pickup') ? radio('delivery', 'pickup', first === 'pickup' ? 'delivery' : 'delivery-pickup', t('orders.delivery.pickup'), t('wizard.get.pickupHint'), delivery === 'pickup') : ''}
      </ul>
    </fieldset>
  </div>
  <div class="form-group">
    <label class="form-label" for="office">${t('wizard.get.officeLabel')}</label>
    <select class="form-select" id="office" name="office">
      ${offices.map((o) => html`<option value="${o.id}" ${o.id === officeId ? 'selected' : ''}>${o.name}, ${o.street}, ${o.postalCode} ${o.city}</option>`)}
    </select>
    <button type="submit" class="button button-secondary" name="action" value="slots">${t('wizard.get.showSlots')}</button>
  </div>
  <div class="form-group ${error('slot') ? 'form-error' : ''}">
    <fieldset>
      <legend class="form-label">${t('wizard.get.slotLegend')}</legend>
      ${error('slot') ? html`<span class="form-error-message" id="slot-error"><span class="sr-only">${t('common.errorPrefix')} </span>${error('slot')}</span>` : ''}
      ${
        slots.length
          ? html`<ul class="nobullet-list slot-list">${slots.map((s, i) =>
              radio(
                'slot',
                s.id,
                i === 0 ? 'slot' : `slot-${i}`,
                `${formatOrderDate(req.lang, s.startsAt)} ${formatOrderTime(req.lang, s.startsAt)}`,
                '',
                chosen.slotId === s.id,
              ),
            )}</ul>`
          : html`<p>${t('wizard.get.noSlots')}</p>`
      }
    </fieldset>
  </div>
  ${primaryButton(t('wizard.get.order'), { name: 'action', value: 'order' })}
</form>`;
    return wizardPage(req, reply, {
      enrollment: e,
      step: 'getAuthenticator',
      title: t('wizard.get.titleDevice', { device: deviceName(ctx, t, e) }),
      body,
      csrf,
      errors,
      ...(errors.length ? { status: 400 } : {}),
      ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
    });
  }

  app.get('/tilmelding/:id/hent', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'getAuthenticator');
    if (!e) return reply;
    return isDownloaded(offerOf(ctx, e)) ? renderApp(req, reply, e) : renderDevice(req, reply, e);
  });

  app.post(
    '/tilmelding/:id/hent',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const e = await flowAt(ctx, req, reply, 'getAuthenticator');
      if (!e) return reply;
      const form = req.body as Form;
      if (postedVersion(form) !== e.version) return reply.redirect(`${stepUrl(e)}?flyttet=1`, 303);
      const t = req.t;
      const offer = offerOf(ctx, e);
      if (isDownloaded(offer)) {
        return advance(ctx, reply, e, form, { type: 'authenticatorObtained', delivery: 'appStore' });
      }
      const chosen = {
        delivery: field(form, 'delivery', 10),
        officeId: field(form, 'office', 40),
        slotId: field(form, 'slot', 80),
      };
      if (field(form, 'action', 10) === 'slots') return renderDevice(req, reply, e, chosen);
      const delivery = offer.deliveries.find(
        (d): d is Exclude<typeof d, 'appStore'> => d !== 'appStore' && d === chosen.delivery,
      );
      if (!delivery) {
        return renderDevice(req, reply, e, chosen, [
          { field: 'delivery', message: t('wizard.get.deliveryRequired') },
        ]);
      }
      if (delivery === 'pickup' && !chosen.slotId) {
        return renderDevice(req, reply, e, chosen, [
          { field: 'slot', message: t('wizard.get.slotRequired') },
        ]);
      }
      const kind = e.state.authenticator;
      if (!isDeviceKind(kind))
        throw new Error(`Kind ${String(kind)} is ordered, but flows/orders cannot order it`);
      const placed = await orders.placeOrder({
        cpr: e.cpr,
        kind,
        delivery,
        ...(delivery === 'pickup' ? { slotId: chosen.slotId } : {}),
        lang: req.lang,
      });
      if (!placed.ok) {
        if (placed.reason === 'alreadyOrdered') {
          // A repeated post: the first one placed the order; record it if the flow has not.
          const open = await orders.openOrder(e.cpr, kind);
          if (open && !e.orderId) {
            return advance(
              ctx,
              reply,
              e,
              form,
              { type: 'authenticatorObtained', delivery: open.delivery },
              { orderId: open.id },
            );
          }
        }
        const message = t(`orders.refusal.${placed.reason}`, { device: deviceName(ctx, t, e) });
        return renderDevice(req, reply, e, chosen, [
          { field: placed.reason.startsWith('slot') ? 'slot' : 'delivery', message },
        ]);
      }
      return advance(
        ctx,
        reply,
        e,
        form,
        { type: 'authenticatorObtained', delivery },
        { orderId: placed.order.id },
      );
    },
  );
}
