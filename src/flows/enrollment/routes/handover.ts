/**
 * The hand-over from the registration authority: GET /tilmelding/overtag?ticket=…
 * The ticket works once, for two minutes, and binds the flow to this browser (a signed HttpOnly
 * cookie whose SHA-256 the flow keeps) until the bank says its customer logged out (raLogout.ts)
 * or the browser has been idle for 15 minutes. "← Tilbage" (POST /tilmelding/:id/tilbage) goes
 * one step back where the route allows it.
 */
import type { FastifyInstance } from 'fastify';
import { html } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { sha256 } from '../EnrollmentStore.ts';
import { registerAskForPerson } from './askForPerson.ts';
import { type EnrollmentContext, loadFlow, setBinding, stepUrl } from './enrollmentContext.ts';
import { registerRaLogout } from './raLogout.ts';
import { advance, type Form } from './stepRoute.ts';

export function registerHandover(app: FastifyInstance, ctx: EnrollmentContext): void {
  // Before any route of a flow: an ended browser binding asks for the person again.
  registerAskForPerson(app);
  // The other end of the hand-over: the bank's customer logged out.
  registerRaLogout(app, ctx);
  app.get(
    '/tilmelding/overtag',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const ticket = (req.query as Record<string, unknown>).ticket;
      const binding = ctx.deps.random.token(32);
      const enrollment =
        typeof ticket === 'string' && ticket.length <= 100
          ? await ctx.enrollments.claimTicket(ticket, sha256(binding), ctx.deps.clock.now().getTime())
          : undefined;
      if (!enrollment) {
        const t = req.t;
        return reply.page(
          t('wizard.handover.title'),
          html`<h1>${t('wizard.handover.title')}</h1><p>${t('wizard.handover.failed')}</p>`,
          { status: 404 },
        );
      }
      setBinding(ctx, reply, binding);
      return reply.redirect(stepUrl(enrollment), 303);
    },
  );

  app.post('/tilmelding/:id/tilbage', async (req, reply) => {
    const e = await loadFlow(ctx, req);
    return advance(ctx, reply, e, req.body as Form, { type: 'back' });
  });

  app.get('/tilmelding/:id', async (req, reply) => reply.redirect(stepUrl(await loadFlow(ctx, req)), 303));
}
