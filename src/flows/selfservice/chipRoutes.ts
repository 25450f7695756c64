/**
 * Buying and adding a MitID chip (selfservice.md §2.5, decision 0014 §6). Rules:
 * - only a logged-in person whose MitID is in use (SelfserviceContext.loggedIn);
 * - "Køb MitID chip": the price (143,60 kr), payment by invoice, delivery by post to the
 *   registry address; "Bestil" places the order (flows/orders' placeOrder, kind 'chip', post:
 *   the order and its Digital Post letter in one transaction) and shows its number; a second
 *   order while one is open is refused by the orders (their unique partial index);
 * - "Tilføj chip": behind the gate 'addChip' (24 h); the page says the chip arrives by post in
 *   3–7 days. When open: START → the chip kind's creation options (ChipRegistration.options) →
 *   navigator.credentials.create → one POST with the response, and the new password twice if
 *   the person has none (the rules checked first, nothing written on a refusal);
 * - the chip, the gate's use and the password (if new) are one transaction: all or nothing,
 *   except that a chip the kind refuses still uses its ceremony (one challenge, one try: the
 *   START again gets a new one); a second POST finds the gate used. One chip in use at a time. The ceremony's id goes to the
 *   browser with the options and comes back with the response (the kind binds it to the person).
 * JSON answers carry a text to show, never a stack or a code the person cannot read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PeopleStore } from '../../core/people/index.ts';
import { DeviceOrders, formatPrice, priceFor } from '../../flows/orders/index.ts';
import type { MessageId } from '../../i18n/catalogue.ts';
import { csrfField, textField } from '../../platform/html/components.ts';
import { html } from '../../platform/html/html.ts';
import { perAddress } from '../../platform/http/perAddress.ts';
import { CHIP_ADD_JS } from './chipScript.ts';
import { gatePanel } from './gatePanel.ts';
import { problemTexts } from './passwordRoutes.ts';
import type { ChipRefusal } from './ports.ts';
import { logoutForm } from './profilePage.ts';
import { BASE, type LoggedIn, loggedIn, messagePage, type SelfserviceContext } from './SelfserviceContext.ts';

const BUY = `${BASE}/chip/koeb`;
const ADD = `${BASE}/chip/tilfoej`;
const MAX_PASSWORD = 256;

const REFUSAL_TEXT: Record<ChipRefusal, MessageId> = {
  chip_failed: 'selfservice.chip.failed',
  chip_expired: 'selfservice.chip.failed',
  chip_already: 'selfservice.chip.already',
};

/** Thrown inside the transaction to roll it back with the text to show. */
class Refused extends Error {
  readonly text: MessageId;
  readonly status: number;
  constructor(text: MessageId, status: number) {
    super(text);
    this.text = text;
    this.status = status;
  }
}

export function registerChipRoutes(app: FastifyInstance, ctx: SelfserviceContext): void {
  const opts = { config: { rateLimit: perAddress('pages') } };
  const unavailable = (req: FastifyRequest, reply: FastifyReply) =>
    messagePage(req, reply, req.t('selfservice.chip.buyTitle'), req.t('selfservice.chip.unavailable'), 404);

  app.get(BUY, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    const person = await new PeopleStore(ctx.deps.db).getByCpr(who.identity.cpr);
    const price = formatPrice(req.lang, await priceFor(ctx.deps.db, who.identity.cpr, 'chip'));
    const address = person ? `${person.street}, ${person.postalCode} ${person.city}` : '';
    const csrf = reply.generateCsrf();
    return reply.page(
      t('selfservice.chip.buyTitle'),
      html`<h1>${t('selfservice.chip.buyTitle')}</h1>
<p>${t('selfservice.chip.buyText')}</p>
<dl class="selfservice-facts">
  <dt>${t('selfservice.chip.price')}</dt><dd>${price}</dd>
  <dt>${t('selfservice.chip.payment')}</dt><dd>${t('selfservice.chip.paymentValue')}</dd>
  <dt>${t('selfservice.chip.delivery')}</dt><dd>${t('selfservice.chip.deliveryValue', { address })}</dd>
</dl>
<form method="post" action="${BUY}">${csrfField(csrf)}
  <button class="button button-primary" type="submit">${t('selfservice.chip.order')}</button>
</form>
<p><a href="${BASE}">${t('selfservice.back')}</a></p>`,
      { headerExtra: logoutForm(t, csrf) },
    );
  });

  app.post(BUY, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    const result = await new DeviceOrders(ctx.deps).placeOrder({
      cpr: who.identity.cpr,
      kind: 'chip',
      delivery: 'post',
      lang: req.lang,
    });
    if (!result.ok) {
      return result.reason === 'alreadyOrdered'
        ? messagePage(req, reply, t('selfservice.chip.buyTitle'), t('selfservice.chip.alreadyOrdered'), 409)
        : messagePage(req, reply, t('selfservice.chip.buyTitle'), t('selfservice.chip.cannotOrder'), 409);
    }
    req.log.info({ identityId: who.identity.id, orderId: result.order.id }, 'self-service: chip ordered');
    return messagePage(
      req,
      reply,
      t('selfservice.chip.receiptTitle'),
      t('selfservice.chip.receiptText', { orderNo: result.order.id }),
    );
  });

  /** The person's state for adding: the ports, whether a chip is in use, whether a password is. */
  const state = async (who: LoggedIn) => {
    const list = await ctx.authenticators.listFor(who.identity.id);
    const active = (kind: string) => list.some((a) => a.kind === kind && a.status === 'active');
    return { hasChip: active('chip'), hasPassword: active('password') };
  };

  app.get(`${ADD}.js`, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CHIP_ADD_JS),
  );

  app.get(ADD, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    if (!ctx.ports.chip || !ctx.ports.password) return unavailable(req, reply);
    const t = req.t;
    const { hasChip, hasPassword } = await state(who);
    if (hasChip)
      return messagePage(req, reply, t('selfservice.gate.title.addChip'), t('selfservice.chip.already'), 409);
    const gate = await ctx.gates.current(who.identity.id, 'addChip');
    const csrf = reply.generateCsrf();
    return reply.page(
      t('selfservice.gate.title.addChip'),
      html`<h1>${t('selfservice.gate.title.addChip')}</h1>
<p>${t('selfservice.chip.arrives')}</p>
${gatePanel(t, req.lang, csrf, 'addChip', gate)}
${
  gate?.state === 'open'
    ? html`<form id="chip-form" method="post" action="${ADD}" data-failed="${t('selfservice.chip.failed')}" novalidate>
  ${csrfField(csrf)}
  <h2>${t('selfservice.chip.addTitle')}</h2>
  ${
    hasPassword
      ? ''
      : html`<p>${t('selfservice.chip.passwordFirst')}</p>
  ${textField({ t, name: 'password', label: t('selfservice.password.new'), hint: t('selfservice.password.hint'), type: 'password', autocomplete: 'new-password', maxlength: 64 })}
  ${textField({ t, name: 'repeat', label: t('selfservice.password.repeat'), type: 'password', autocomplete: 'new-password', maxlength: 64 })}`
  }
  <p>${t('selfservice.chip.addText')}</p>
  <p id="chip-live" class="form-error-message" role="status" aria-live="polite"></p>
  <noscript><p>${t('selfservice.chip.noScript')}</p></noscript>
  <button class="button button-primary" type="submit">${t('selfservice.chip.start')}</button>
</form>
<script src="${ADD}.js" defer></script>`
    : ''
}
<p><a href="${BASE}">${t('selfservice.back')}</a></p>`,
      { headerExtra: logoutForm(t, csrf) },
    );
  });

  app.post(`${ADD}/valg`, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    if (!ctx.ports.chip || !ctx.ports.password)
      return reply.code(404).send({ message: t('selfservice.chip.unavailable') });
    if ((await state(who)).hasChip) return reply.code(409).send({ message: t('selfservice.chip.already') });
    const gate = await ctx.gates.current(who.identity.id, 'addChip');
    if (gate?.state !== 'open') return reply.code(403).send({ message: t('selfservice.gate.notOpen') });
    const person = await new PeopleStore(ctx.deps.db).getByCpr(who.identity.cpr);
    const { registrationId, options } = await ctx.ports.chip.options({
      identityId: who.identity.id,
      userId: who.identity.userId,
      displayName: person ? `${person.givenName} ${person.familyName}` : who.identity.userId,
    });
    return reply.send({ registrationId, options });
  });

  app.post(ADD, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const t = req.t;
    const chip = ctx.ports.chip;
    const password = ctx.ports.password;
    if (!chip || !password) return reply.code(404).send({ message: t('selfservice.chip.unavailable') });
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { hasChip, hasPassword } = await state(who);
    if (hasChip) return reply.code(409).send({ message: t('selfservice.chip.already') });
    const registrationId =
      typeof body.registrationId === 'string' && body.registrationId.length <= 100 ? body.registrationId : '';
    if (registrationId === '' || body.response === null || typeof body.response !== 'object')
      return reply.code(400).send({ message: t('selfservice.chip.failed') });
    let newPassword: string | undefined;
    if (!hasPassword) {
      const pw = typeof body.password === 'string' ? body.password.slice(0, MAX_PASSWORD) : '';
      const repeat = typeof body.repeat === 'string' ? body.repeat.slice(0, MAX_PASSWORD) : '';
      if (pw === '') return reply.code(400).send({ message: t('selfservice.password.empty') });
      const problems = problemTexts(t, password.problems(pw, who.identity.userId));
      if (problems.length > 0) return reply.code(400).send({ message: problems.join(' ') });
      if (repeat !== pw) return reply.code(400).send({ message: t('selfservice.password.mismatch') });
      newPassword = pw;
    }
    const identityId = who.identity.id;
    if ((await ctx.gates.current(identityId, 'addChip'))?.state !== 'open')
      return reply.code(403).send({ message: t('selfservice.gate.notOpen') });
    let refusal: ChipRefusal | undefined;
    try {
      await ctx.deps.db.transaction().execute(async (trx) => {
        // The chip first: its ceremony is used by this try whatever follows (one challenge, one
        // try); a refused chip commits only that, the kind writing nothing else.
        const done = await chip.finish(trx, { registrationId, identityId, response: body.response });
        if (!done.ok) {
          refusal = done.reason;
          return;
        }
        if (!(await ctx.gates.use(trx, identityId, 'addChip')).ok)
          throw new Refused('selfservice.gate.notOpen', 403);
        if (
          newPassword !== undefined &&
          !(await password.create(trx, { identityId, userId: who.identity.userId, password: newPassword }))
        )
          throw new Refused('selfservice.password.rejected', 400);
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return reply.code(err.status).send({ message: t(err.text) });
    }
    if (refusal)
      return reply.code(refusal === 'chip_already' ? 409 : 400).send({ message: t(REFUSAL_TEXT[refusal]) });
    req.log.info({ identityId }, 'self-service: chip added');
    return reply.send({ redirect: BASE, message: t('selfservice.chip.added') });
  });
}
