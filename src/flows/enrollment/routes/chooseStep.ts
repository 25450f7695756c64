/**
 * Step 3 (bank) / 2 (MitID.dk): choose App, Kodeviser or Kodeoplæser, with the guide's
 * explanation (the others can be ordered later on MitID.dk; the chip only once MitID is in use).
 * Rules:
 * - the choices are the kinds the kind registry offers at enrollment, in its order, each with its
 *   offer's label and hint; a kind offered only once MitID is in use (the chip) gets its note;
 * - a posted value that is no such kind is refused on the page (400), and nothing is written: no
 *   kind at all asks for a choice, a known kind not offered here says so by name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfField, primaryButton } from '../../../platform/html/components.ts';
import { html } from '../../../platform/html/html.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';
import { advance, type Form, field, flowAt, movedNotice } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

function render(
  ctx: EnrollmentContext,
  req: FastifyRequest,
  reply: FastifyReply,
  e: Enrollment,
  error?: string,
): FastifyReply {
  const t = req.t;
  const csrf = reply.generateCsrf();
  const chosen = e.state.authenticator;
  const choices = ctx.kinds
    .offered('enrollment')
    .map((k) => ({ value: k.name, label: k.enrollment.label, hint: k.enrollment.hint }));
  const later = ctx.kinds.offered('inUse');
  const body = html`<p>${t('wizard.choose.intro')}</p>
<p>${t('wizard.choose.later')}</p>
${later.map((k) => html`<p>${t(k.enrollment.hint)}</p>`)}
<form method="post" action="/tilmelding/${e.id}/valg" novalidate>
  ${csrfField(csrf)}
  <input type="hidden" name="version" value="${e.version}">
  <div class="form-group ${error ? 'form-error' : ''}">
    <fieldset ${error ? html`aria-describedby="authenticator-error"` : ''}>
      <legend class="form-label">${t('wizard.choose.legend')}</legend>
      ${error ? html`<span class="form-error-message" id="authenticator-error"><span class="sr-only">${t('common.errorPrefix')} </span>${error}</span>` : ''}
      <ul class="nobullet-list">
      ${choices.map(
        (c, i) => html`<li>
        <input class="form-radio" type="radio" name="authenticator" value="${c.value}" id="${i === 0 ? 'authenticator' : `authenticator-${c.value}`}"
          aria-describedby="authenticator-${c.value}-hint" ${chosen === c.value ? 'checked' : ''}>
        <label for="${i === 0 ? 'authenticator' : `authenticator-${c.value}`}">${t(c.label)}</label>
        <span class="form-hint" id="authenticator-${c.value}-hint">${t(c.hint)}</span>
      </li>`,
      )}
      </ul>
    </fieldset>
  </div>
  ${primaryButton(t('wizard.continue'))}
</form>`;
  return wizardPage(req, reply, {
    enrollment: e,
    step: 'choose',
    title: t('wizard.choose.title'),
    body,
    csrf,
    ...(error ? { errors: [{ field: 'authenticator', message: error }], status: 400 } : {}),
    ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
  });
}

export function registerChooseStep(app: FastifyInstance, ctx: EnrollmentContext): void {
  app.get('/tilmelding/:id/valg', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'choose');
    return e ? render(ctx, req, reply, e) : reply;
  });

  app.post('/tilmelding/:id/valg', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'choose');
    if (!e) return reply;
    const form = req.body as Form;
    const choice = field(form, 'authenticator', 20);
    if (!ctx.kinds.choosableAtEnrollment(choice)) {
      const known = ctx.kinds.offer(choice);
      const message = known
        ? req.t('wizard.choose.notOffered', { name: req.t(known.name) })
        : req.t('wizard.choose.required');
      return render(ctx, req, reply, e, message);
    }
    return advance(ctx, reply, e, form, { type: 'choose', authenticator: choice });
  });
}
