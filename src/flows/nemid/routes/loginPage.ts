/**
 * GET /nemid/login/:id: shows the step the flow is at. Reloading shows the same step (and the
 * same key); a finished or failed flow shows a page with the way back to the service.
 */
import type { FastifyInstance } from 'fastify';
import { loadBoundLogin, type NemidContext } from '../nemidContext.ts';
import { showFlowEnd, showKeycodeStep, showPasswordStep } from '../stepPages.ts';

export function registerLoginPage(app: FastifyInstance, ctx: NemidContext): void {
  app.get('/nemid/login/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const { login, client } = await loadBoundLogin(ctx, req, id);
    switch (login.status) {
      case 'password':
        return showPasswordStep(req, reply, { login, client });
      case 'keycode':
        return showKeycodeStep(ctx, req, reply, { login, client });
      case 'done':
        return showFlowEnd(req, reply, { login, client, kind: 'done', message: 'nemid.done.body' });
      case 'failed':
        return showFlowEnd(req, reply, { login, client, kind: 'failed', message: 'nemid.failed.generic' });
    }
  });
}
