/**
 * POST /nemid/login/:id: one form action for every step. The flow's state decides what runs, so
 * a form posted twice or from an old tab never runs a step twice:
 *   step=cancel (password/keycode) → flow failed, back to the service with error=access_denied
 *   status password                → passwordStep
 *   status keycode                 → keycodeStep (a re-posted password form just shows the key page)
 *   status done + step=keycode     → resubmitDone (double click on the key-code form)
 *   anything else                  → 303 to the page of the current state
 * CSRF is checked by createApp; the binding cookie and expiry by loadBoundLogin; per-IP rate limit.
 */
import type { FastifyInstance } from 'fastify';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import {
  clientRedirect,
  formField,
  loadBoundLogin,
  type NemidContext,
  redirectToStep,
} from '../nemidContext.ts';
import { keycodeStep, resubmitDone } from '../steps/keycodeStep.ts';
import { passwordStep } from '../steps/passwordStep.ts';

export function registerLoginPost(app: FastifyInstance, ctx: NemidContext): void {
  app.post(
    '/nemid/login/:id',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { login, client } = await loadBoundLogin(ctx, req, id);
      const step = formField(req.body, 'step');
      if (step === 'cancel') {
        if (!(await ctx.logins.fail(login.id))) return redirectToStep(reply, login);
        return reply.redirect(clientRedirect(login, { error: 'access_denied' }), 303);
      }
      switch (login.status) {
        case 'password':
          return passwordStep(ctx, req, reply, login, client);
        case 'keycode':
          return step === 'password'
            ? redirectToStep(reply, login)
            : keycodeStep(ctx, req, reply, login, client);
        case 'done': {
          const code = (formField(req.body, 'code') ?? '').replace(/[\s-]/g, '');
          return step === 'keycode'
            ? resubmitDone(ctx, req, reply, login, client, code)
            : redirectToStep(reply, login);
        }
        default:
          return redirectToStep(reply, login);
      }
    },
  );
}
