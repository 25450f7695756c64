/**
 * Step 3 (bank) / 2 (MitID.dk): choose App, Kodeviser or Kodeoplæser, with the guide's
 * explanation (the others can be ordered later on MitID.dk; the chip only once MitID is in use).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfField, primaryButton } from '../../../platform/html/components.ts';
import { html } from '../../../platform/html/html.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import type { AuthenticatorChoice } from '../flowStates.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';
import { advance, type Form, field, flowAt, movedNotice } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

const choices = [
  { value: 'app', label: 'wizard.choose.app', hint: 'wizard.choose.appHint' },
  { value: 'codeDisplay', label: 'wizard.choose.codeDisplay', hint: 'wizard.choose.codeDisplayHint' },
  { value: 'codeReader', label: 'wizard.choose.codeReader', hint: 'wizard.choose.codeReaderHint' },
] as const;

const isChoice = (v: string): v is AuthenticatorChoice => choices.some((c) => c.value === v);

function render(req: FastifyRequest, reply: FastifyReply, e: Enrollment, error?: string): FastifyReply {
  const t = req.t;
  const csrf = reply.generateCsrf();
  const chosen = e.state.authenticator;
  const body = html`<p>${t('wizard.choose.intro')}</p>
<p>${t('wizard.choose.later')}</p>
<p>${t('wizard.choose.chip')}</p>
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
    return e ? render(req, reply, e) : reply;
  });

  app.post('/tilmelding/:id/valg', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'choose');
    if (!e) return reply;
    const form = req.body as Form;
    const choice = field(form, 'authenticator', 20);
    if (!isChoice(choice)) return render(req, reply, e, req.t('wizard.choose.required'));
    return advance(ctx, reply, e, form, { type: 'choose', authenticator: choice });
  });
}
