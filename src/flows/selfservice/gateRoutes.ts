/**
 * "Anmod om adgang" and "Annullér anmodningen" (forms, CSRF-checked by the app). Rules:
 * - only a logged-in person, only for themself: the identity comes from the session, never
 *   from the form; the form names only the action (one of GATE_ACTIONS) or the gate's id;
 * - an action whose port is not wired is refused as an unknown one (400, nothing written);
 * - a repeated request answers with the live gate (Gates.request), so a double click or a
 *   second tab makes one gate and one notice;
 * - cancel changes only a live gate of this person: another person's gate id is "unknown".
 */
import type { FastifyInstance } from 'fastify';
import { perAddress } from '../../platform/http/perAddress.ts';
import { GATE_PAGE } from './gatePanel.ts';
import { BASE, loggedIn, messagePage, type SelfserviceContext } from './SelfserviceContext.ts';
import { GATE_ACTIONS, type GateAction } from './tables.ts';

const isGateAction = (v: unknown): v is GateAction =>
  typeof v === 'string' && (GATE_ACTIONS as readonly string[]).includes(v);

/** Whether the ports behind `action` are wired (a gate for a change that cannot be made is none). */
export function actionAvailable(ctx: SelfserviceContext, action: GateAction): boolean {
  return action === 'changePassword' ? !!ctx.ports.password : !!ctx.ports.chip && !!ctx.ports.password;
}

export function registerGateRoutes(app: FastifyInstance, ctx: SelfserviceContext): void {
  const opts = { config: { rateLimit: perAddress('pages') } };

  app.post(`${BASE}/adgang`, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const action = (req.body as Record<string, unknown> | undefined)?.action;
    if (!isGateAction(action) || !actionAvailable(ctx, action)) {
      return messagePage(
        req,
        reply,
        req.t('selfservice.profile.title'),
        req.t('selfservice.chip.unavailable'),
        400,
      );
    }
    const { created } = await ctx.gates.request(who.identity.id, action);
    req.log.info({ identityId: who.identity.id, action, created }, 'self-service: access requested');
    return reply.redirect(GATE_PAGE[action], 303);
  });

  app.post(`${BASE}/adgang/annuller`, opts, async (req, reply) => {
    const who = await loggedIn(ctx, req, reply);
    if (!who) return reply;
    const gate = (req.body as Record<string, unknown> | undefined)?.gate;
    const id = typeof gate === 'string' && gate.length <= 64 ? gate : '';
    const result = await ctx.gates.cancel(who.identity.id, id);
    const t = req.t;
    if (!result.ok)
      return messagePage(req, reply, t('selfservice.profile.title'), t('selfservice.gate.notOpen'), 404);
    return messagePage(req, reply, t('selfservice.profile.title'), t('selfservice.gate.cancelled'));
  });
}
