/** The frame of every wizard page: who you get MitID through, the step, an error summary. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { T } from '../../../i18n/catalogue.ts';
import { errorSummary, type FieldError } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import { routeSteps, type Step } from '../flowStates.ts';
import { stepPaths } from './enrollmentContext.ts';

export interface WizardPageInput {
  enrollment: Enrollment;
  step: Step;
  title: string;
  body: SafeHtml;
  errors?: readonly FieldError[];
  /** Shown above the form, e.g. after a stale post was redirected here. */
  notice?: string;
  status?: number;
  /** CSRF token for the back button's form. */
  csrf: string;
}

/** The guide numbers the bank's steps 1–7 (1 is the banner in the bank); MitID.dk's 1–7 after the NemID login. */
function stepNumber(e: Enrollment, step: Step): { n: number; total: number } {
  const steps = routeSteps[e.route];
  const offset = e.route === 'mitid' ? 1 : 0;
  return { n: steps.indexOf(step) + 1 + offset, total: 7 };
}

function backLink(t: T, e: Enrollment, csrf: string): SafeHtml {
  const steps = routeSteps[e.route];
  const i = steps.indexOf(e.state.step as Step);
  const previous = i > 0 ? steps[i - 1] : undefined;
  if (previous && previous !== 'start') {
    return html`<form method="post" action="/tilmelding/${e.id}/tilbage" class="wizard-back"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="version" value="${e.version}"><button type="submit" class="button button-tertiary">${t('wizard.back')}</button></form>`;
  }
  if (e.returnUrl && e.raName) {
    return html`<p class="wizard-back"><a href="${e.returnUrl}">${t('wizard.backToRa', { ra: e.raName })}</a></p>`;
  }
  return html``;
}

export function wizardPage(req: FastifyRequest, reply: FastifyReply, p: WizardPageInput): FastifyReply {
  const t = req.t;
  const { n, total } = stepNumber(p.enrollment, p.step);
  const via = p.enrollment.raName ? t('wizard.viaRa', { ra: p.enrollment.raName }) : t('wizard.viaMitid');
  const body = html`<p class="wizard-via">${via}</p>
<p class="wizard-step" data-step="${stepPaths[p.step]}">${t('wizard.stepOf', { n, total })}</p>
${errorSummary(t, p.errors ?? [])}
${p.notice ? html`<div class="alert alert-info" role="status"><div class="alert-body"><p class="alert-text">${p.notice}</p></div></div>` : ''}
<h1>${p.title}</h1>
${p.body}
${backLink(t, p.enrollment, p.csrf)}`;
  return reply.page(p.title, body, p.status ? { status: p.status } : {});
}
