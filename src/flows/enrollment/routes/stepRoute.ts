/**
 * The shape every wizard step shares. Rules:
 * - a step's page shows only while the flow is at that step; otherwise the person is sent to the
 *   step the flow is at (no skipping ahead, and an old tab cannot act on a moved flow);
 * - a post carries the version it was rendered at; a stale post (double click, back button,
 *   reload) changes nothing and lands on the current step with a short notice.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Enrollment, EnrollmentPatch } from '../EnrollmentStore.ts';
import type { EnrollmentEvent, Step } from '../flowStates.ts';
import { type EnrollmentContext, loadFlow, stepUrl } from './enrollmentContext.ts';

export type Form = Record<string, unknown>;

export const field = (form: Form, name: string, max = 200): string => {
  const v = form[name];
  return typeof v === 'string' ? v.slice(0, max + 1) : '';
};

/** The flow if it is at `step`; otherwise undefined after redirecting to where it is. */
export async function flowAt(
  ctx: EnrollmentContext,
  req: FastifyRequest,
  reply: FastifyReply,
  step: Step,
): Promise<Enrollment | undefined> {
  const e = await loadFlow(ctx, req);
  if (e.state.step !== step) {
    await reply.redirect(stepUrl(e), 303);
    return undefined;
  }
  return e;
}

/** The posted version, or -1 when it is missing or malformed (always stale). */
export function postedVersion(form: Form): number {
  const v = field(form, 'version', 12);
  return /^\d{1,10}$/.test(v) ? Number(v) : -1;
}

/** Applies `event` at the posted version and redirects to where the flow now is. */
export async function advance(
  ctx: EnrollmentContext,
  reply: FastifyReply,
  e: Enrollment,
  form: Form,
  event: EnrollmentEvent,
  patch: EnrollmentPatch = {},
): Promise<FastifyReply> {
  const result = await ctx.enrollments.apply(
    e.id,
    postedVersion(form),
    event,
    patch,
    ctx.deps.clock.now().getTime(),
  );
  const now = result.ok ? result.enrollment : (result.enrollment ?? e);
  const url = stepUrl(now);
  return reply.redirect(result.ok ? url : `${url}?flyttet=1`, 303);
}

export const movedNotice = (req: FastifyRequest): string | undefined =>
  (req.query as Record<string, unknown>).flyttet === '1' ? req.t('wizard.moved') : undefined;
