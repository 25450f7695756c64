/**
 * Step 7: activate. Rules:
 * - App: the activation code the app asks for is made on request (POST) and shown once; it is
 *   single-use, takes 3 tries per app activation and 15 in all, and expires after 30 minutes
 *   (codePolicies.ts); a new one replaces the old at once, 5 an hour. The page tells the
 *   logged-in person when their code was blocked by wrong tries (only they see this page). The
 *   app redeems it with the same store (src/kinds/app/server/redeemActivationCode.ts).
 * Which of the two is the chosen kind's offer's (the kind registry): from the app store, or ordered.
 * - Kodeviser / kodeoplæser: the order's state is shown until the device has arrived; then the
 *   person, back through the net bank (or MitID.dk) with NemID, gets the activation page
 *   (deviceActivationPage.ts: password, serial, code) when the root gave the DeviceActivation
 *   port, and the steps with "kommer snart" when it did not.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { activationCodeSms } from '../../../core/codes/index.ts';
import type { T } from '../../../i18n/catalogue.ts';
import { csrfField, primaryButton } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { formatOrderDate, formatOrderTime } from '../../../platform/time/formatOrderTime.ts';
import type { DeviceOrder } from '../../orders/index.ts';
import { DeviceOrders } from '../../orders/index.ts';
import type { DeviceActivation } from '../deviceActivation.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import {
  type DeviceActivationView,
  postDeviceActivation,
  renderDeviceActivation,
} from './deviceActivationPage.ts';
import { deviceName, type EnrollmentContext, isDownloaded, offerOf } from './enrollmentContext.ts';
import { type Form, field, flowAt, movedNotice, postedVersion } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

/** "1234 5678": easier to read aloud and to type. */
const grouped = (code: string): string => code.replace(/(\d{4})(?=\d)/g, '$1 ');

export function registerActivateStep(
  app: FastifyInstance,
  ctx: EnrollmentContext,
  deviceActivation?: DeviceActivation,
): void {
  const { deps } = ctx;
  const { codes } = ctx;
  const orders = new DeviceOrders({ db: deps.db, clock: deps.clock, random: deps.random });

  const backToRa = (t: T, e: Enrollment): SafeHtml =>
    e.returnUrl && e.raName
      ? html`<p><a class="button button-secondary" href="${e.returnUrl}">${t('wizard.activate.backToRa', { ra: e.raName })}</a></p>`
      : html``;

  async function renderApp(
    req: FastifyRequest,
    reply: FastifyReply,
    e: Enrollment,
    shown?: { code: string; expiresAt: number } | { error: string },
  ): Promise<FastifyReply> {
    const t = req.t;
    const csrf = reply.generateCsrf();
    const status = e.identityId ? await codes.status(e.identityId, activationCodeSms) : undefined;
    const codeBox =
      shown && 'code' in shown
        ? html`<div class="activation-code-box" role="status">
  <p class="form-label" id="activation-code-label">${t('wizard.activate.codeLabel')}</p>
  <p class="activation-code" aria-labelledby="activation-code-label">${grouped(shown.code)}</p>
  <p>${t('wizard.activate.codeValid', { time: formatOrderTime(req.lang, shown.expiresAt) })}</p>
</div>`
        : status && !status.used && status.expiresAt > deps.clock.now().getTime()
          ? status.attemptsLeft > 0
            ? html`<p>${t('wizard.activate.codeShown')}</p>`
            : html`<p>${t('wizard.activate.codeBlocked')}</p>`
          : html``;
    const body = html`<p>${t('wizard.activate.appIntro')}</p>
<ol>
  <li>${t('wizard.activate.appStep1')}</li>
  <li>${t('wizard.activate.appStep2', { userId: e.userId ?? '' })}</li>
  <li>${t('wizard.activate.appStep3')}</li>
</ol>
${codeBox}
<form method="post" action="/tilmelding/${e.id}/aktiver">
  ${csrfField(csrf)}<input type="hidden" name="version" value="${e.version}">
  ${primaryButton(status || shown ? t('wizard.activate.newCode') : t('wizard.activate.showCode'), { name: 'action', value: 'code' })}
</form>
${backToRa(t, e)}`;
    return wizardPage(req, reply, {
      enrollment: e,
      step: 'activation',
      title: t('wizard.activate.titleApp'),
      body,
      csrf,
      ...(shown && 'error' in shown
        ? { errors: [{ field: 'activation-code', message: shown.error }], status: 429 }
        : {}),
      ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
    });
  }

  /** The order's state, and whether its device has arrived. */
  async function orderView(req: FastifyRequest, e: Enrollment) {
    const t = req.t;
    const order: DeviceOrder | undefined = e.orderId ? await orders.getOrder(e.orderId) : undefined;
    const arrived = order?.status === 'delivered' || order?.status === 'collected';
    const office = order?.officeId ? await orders.getOffice(order.officeId) : undefined;
    const slot = order?.slotId ? await orders.getSlot(order.slotId) : undefined;
    const statusBlock = order
      ? html`<ul class="nobullet-list order-status">
  <li>${t('wizard.activate.orderStatus', { status: t(`orders.status.${order.status}`) })}</li>
  ${order.trackingNo ? html`<li>${t('wizard.activate.tracking', { no: order.trackingNo })}</li>` : ''}
  ${office && slot ? html`<li>${t('wizard.activate.pickupAt', { office: office.name, date: formatOrderDate(req.lang, slot.startsAt), time: formatOrderTime(req.lang, slot.startsAt) })}</li>` : html`<li>${t('wizard.activate.expectedBy', { date: formatOrderDate(req.lang, order.expectedBy) })}</li>`}
</ul>`
      : html``;
    return { order, arrived, statusBlock };
  }

  /** The activation page's view, when the device has arrived and the port is there. */
  async function activationView(
    req: FastifyRequest,
    e: Enrollment,
  ): Promise<DeviceActivationView | undefined> {
    const { order, arrived, statusBlock } = await orderView(req, e);
    const kind = e.state.authenticator;
    if (!deviceActivation || !arrived || !order || (kind !== 'codeDisplay' && kind !== 'codeReader'))
      return undefined;
    return { e, order, kind, device: deviceName(ctx, req.t, e), statusBlock, backToRa: backToRa(req.t, e) };
  }

  async function renderDevice(
    req: FastifyRequest,
    reply: FastifyReply,
    e: Enrollment,
  ): Promise<FastifyReply> {
    const view = await activationView(req, e);
    if (view) return renderDeviceActivation(req, reply, view);
    const t = req.t;
    const csrf = reply.generateCsrf();
    const device = deviceName(ctx, t, e);
    const { order, arrived, statusBlock } = await orderView(req, e);
    const body = arrived
      ? html`${statusBlock}<p>${t('wizard.activate.arrived', { device })}</p>
<ol>
  <li>${t('wizard.activate.deviceStep1')}</li>
  <li>${t('wizard.activate.deviceStep2', { serial: order?.serialNumber ?? '' })}</li>
  <li>${t('wizard.activate.deviceStep3')}</li>
</ol>
<p>${t('wizard.activate.deviceSoon')}</p>${backToRa(t, e)}`
      : html`<p>${e.route === 'bank' ? t('wizard.activate.deviceWait', { device }) : t('wizard.activate.deviceWaitMitid', { device })}</p>
${statusBlock}${backToRa(t, e)}`;
    return wizardPage(req, reply, {
      enrollment: e,
      step: 'activation',
      title: t('wizard.activate.titleDevice', { device }),
      body,
      csrf,
      ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
    });
  }

  app.get('/tilmelding/:id/aktiver', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'activation');
    if (!e) return reply;
    return isDownloaded(offerOf(ctx, e)) ? renderApp(req, reply, e) : renderDevice(req, reply, e);
  });

  app.post(
    '/tilmelding/:id/aktiver',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const e = await flowAt(ctx, req, reply, 'activation');
      if (!e) return reply;
      const form = req.body as Form;
      if (!isDownloaded(offerOf(ctx, e)) && field(form, 'action', 10) === 'device') {
        if (postedVersion(form) !== e.version)
          return reply.redirect(`/tilmelding/${e.id}/aktiver?flyttet=1`, 303);
        const view = await activationView(req, e);
        if (!view || !deviceActivation) return reply.redirect(`/tilmelding/${e.id}/aktiver`, 303);
        return postDeviceActivation(ctx, deviceActivation, req, reply, view);
      }
      if (!isDownloaded(offerOf(ctx, e)) || field(form, 'action', 10) !== 'code' || !e.identityId) {
        return reply.redirect(`/tilmelding/${e.id}/aktiver`, 303);
      }
      if (postedVersion(form) !== e.version)
        return reply.redirect(`/tilmelding/${e.id}/aktiver?flyttet=1`, 303);
      const issued = await codes.issue(e.identityId, activationCodeSms, e.identityId);
      if (!issued.ok) {
        const error = req.t('wizard.activate.sendLimit', { max: activationCodeSms.maxSends });
        return renderApp(req, reply, e, { error });
      }
      req.log.info({ enrollmentId: e.id }, 'activation code issued');
      // Shown in this response only (never stored in clear, never redirected through a URL).
      return renderApp(req, reply, e, { code: issued.code, expiresAt: issued.expiresAt });
    },
  );
}
