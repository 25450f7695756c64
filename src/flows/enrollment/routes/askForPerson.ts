/**
 * When a browser's binding to its flow has ended (15 minutes without a request, or the person
 * logged out of the bank), every page of the flow asks for the person again instead: through the
 * bank that started it (FÅ MITID NU hands the flow over anew), or NemID on MitID.dk. Nothing of
 * the flow is lost; it resumes where it was. The page names no one and shows nothing of the flow.
 *
 * Wired as the error handler of the flow's routes (`/tilmelding/:id…`), so that every step that
 * gets its flow through loadFlow gets this page without knowing of it; other errors go on to the
 * service's handler.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../../platform/html/html.ts';
import { BindingEnded } from './enrollmentContext.ts';

export const ASK_AGAIN_STATUS = 403;

function raHome(returnUrl: string): string | undefined {
  try {
    return new URL('/', returnUrl).toString();
  } catch {
    return undefined;
  }
}

async function askForPerson(err: FastifyError, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  if (!(err instanceof BindingEnded)) throw err;
  const t = req.t;
  const e = err.enrollment;
  req.log.info({ enrollmentId: e.id }, 'enrollment browser binding ended: asking for the person again');
  const home = e.raName && e.returnUrl ? raHome(e.returnUrl) : undefined;
  const how =
    e.raName && home
      ? html`<p>${t('wizard.askAgain.ra', { ra: e.raName })}</p>
<p><a class="button button-primary" href="${home}">${t('wizard.askAgain.raButton', { ra: e.raName })}</a></p>`
      : html`<p>${t('wizard.askAgain.mitid')}</p>
<p><a class="button button-primary" href="/tilmelding/mitid-dk">${t('wizard.askAgain.mitidButton')}</a></p>`;
  return reply.page(
    t('wizard.askAgain.title'),
    html`<h1>${t('wizard.askAgain.title')}</h1>
<p>${t('wizard.askAgain.why')}</p>
${how}
<p>${t('wizard.askAgain.kept')}</p>`,
    { status: ASK_AGAIN_STATUS },
  );
}

/** Call before the flow's routes are registered: they get askForPerson as their error handler. */
export function registerAskForPerson(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/tilmelding/:id') && !route.errorHandler) route.errorHandler = askForPerson;
  });
}
