/**
 * Step 2 (bank) / 3 (MitID.dk): read and accept the terms. Rules:
 * - the terms and the privacy policy in force are shown with their versions, and can be read,
 *   downloaded and printed (GET /tilmelding/dokumenter/:doc/:version[?format=txt]);
 * - "Jeg har læst og forstået …" must be ticked to go on;
 * - the acceptance is stored with the versions that were on the page, the language and the time,
 *   in the same transaction as the step; a version that changed meanwhile shows the page again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfField, primaryButton } from '../../../platform/html/components.ts';
import { html } from '../../../platform/html/html.ts';
import type { Enrollment } from '../EnrollmentStore.ts';
import { legalVersionLine } from '../legalVersionLine.ts';
import { renderLegalHtml } from '../renderLegalHtml.ts';
import { legalDownload } from '../renderLegalText.ts';
import { currentLegalDocuments, findLegalDocument } from '../terms.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';
import { stepUrl } from './enrollmentContext.ts';
import { type Form, field, flowAt, movedNotice, postedVersion } from './stepRoute.ts';
import { wizardPage } from './wizardPage.ts';

function render(
  ctx: EnrollmentContext,
  req: FastifyRequest,
  reply: FastifyReply,
  e: Enrollment,
  error?: string,
): FastifyReply {
  const t = req.t;
  const { terms, privacy } = currentLegalDocuments(ctx.deps.clock.now());
  const doc = (d: typeof terms, format = '') => `/tilmelding/dokumenter/${d.id}/${d.version}${format}`;
  const csrf = reply.generateCsrf();
  const body = html`<p>${t('enrollment.terms.intro')}</p>
<p>${t('enrollment.terms.keyPointsTitle')}</p>
<ul>
  <li>${t('enrollment.terms.keyPoint.signature')}</li>
  <li>${t('enrollment.terms.keyPoint.neverShare')}</li>
  <li>${t('enrollment.terms.keyPoint.block')}</li>
</ul>
<ul class="nobullet-list legal-links">
  <li><a href="${doc(privacy)}">${t('enrollment.terms.readPrivacy')}</a> <span class="form-hint">(${legalVersionLine(privacy, req.lang)})</span></li>
  <li><a href="${doc(terms)}">${t('enrollment.terms.readTerms')}</a> <span class="form-hint">(${legalVersionLine(terms, req.lang)})</span></li>
  <li><a href="${doc(terms, '?format=txt')}" download>${t('enrollment.terms.download')}</a></li>
  <li><a href="${doc(privacy, '?format=txt')}" download>${t('enrollment.terms.downloadPrivacy')}</a></li>
  <li><a href="${doc(terms, '?print=1')}">${t('enrollment.terms.print')}</a></li>
</ul>
<form method="post" action="/tilmelding/${e.id}/vilkaar" novalidate>
  ${csrfField(csrf)}
  <input type="hidden" name="version" value="${e.version}">
  <input type="hidden" name="terms" value="${terms.version}">
  <input type="hidden" name="privacy" value="${privacy.version}">
  <div class="form-group ${error ? 'form-error' : ''}">
    ${error ? html`<span class="form-error-message" id="accept-error"><span class="sr-only">${t('common.errorPrefix')} </span>${error}</span>` : ''}
    <input id="accept" type="checkbox" name="accept" value="ja" class="form-checkbox" ${error ? html`aria-describedby="accept-error" aria-invalid="true"` : ''}>
    <label for="accept">${t('enrollment.terms.accept')}</label>
  </div>
  ${primaryButton(t('wizard.continue'))}
</form>`;
  return wizardPage(req, reply, {
    enrollment: e,
    step: 'terms',
    title: t('enrollment.terms.title'),
    body,
    csrf,
    ...(error ? { errors: [{ field: 'accept', message: error }], status: 400 } : {}),
    ...(movedNotice(req) ? { notice: movedNotice(req) } : {}),
  });
}

export function registerTermsStep(app: FastifyInstance, ctx: EnrollmentContext): void {
  app.get('/tilmelding/:id/vilkaar', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'terms');
    return e ? render(ctx, req, reply, e) : reply;
  });

  app.post('/tilmelding/:id/vilkaar', async (req, reply) => {
    const e = await flowAt(ctx, req, reply, 'terms');
    if (!e) return reply;
    const form = req.body as Form;
    if (field(form, 'accept') !== 'ja')
      return render(ctx, req, reply, e, req.t('enrollment.terms.mustAccept'));
    const now = ctx.deps.clock.now();
    const { terms, privacy } = currentLegalDocuments(now);
    if (field(form, 'terms') !== terms.version || field(form, 'privacy') !== privacy.version) {
      // The documents changed while the page was open: the person must see the new ones.
      return render(ctx, req, reply, e, req.t('enrollment.terms.mustAccept'));
    }
    const at = now.getTime();
    const result = await ctx.deps.db.transaction().execute(async (trx) => {
      const r = await ctx.enrollments.apply(
        e.id,
        postedVersion(form),
        { type: 'acceptTerms', terms: terms.version, privacy: privacy.version },
        {},
        at,
        trx,
      );
      if (r.ok) {
        await trx
          .insertInto('terms_acceptances')
          .values(
            [terms, privacy].map((d) => ({
              id: ctx.newId(),
              cpr: e.cpr,
              enrollment_id: e.id,
              document: d.id,
              version: d.version,
              lang: req.lang,
              accepted_at: at,
            })),
          )
          .execute();
      }
      return r;
    });
    const where = result.ok ? result.enrollment : (result.enrollment ?? e);
    return reply.redirect(result.ok ? stepUrl(where) : `${stepUrl(where)}?flyttet=1`, 303);
  });

  // Reading, downloading and printing a published version (public: the terms are no secret).
  app.get('/tilmelding/dokumenter/:doc/:version', async (req, reply) => {
    const { doc, version } = req.params as { doc: string; version: string };
    const found = findLegalDocument(doc, version);
    if (!found) return reply.callNotFound();
    const q = req.query as Record<string, unknown>;
    if (q.format === 'txt') {
      const file = legalDownload(found, req.lang);
      return reply.headers(file.headers).send(file.body);
    }
    const t = req.t;
    return reply.page(
      found.title[req.lang],
      html`${renderLegalHtml(found, req.lang)}
<p class="no-print"><button type="button" class="button button-secondary" data-print hidden>${t('enrollment.terms.printNow')}</button></p>
<script src="/static/enrollment/printButton.js" defer></script>`,
    );
  });
}
