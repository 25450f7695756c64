/**
 * Getting MitID on MitID.dk (people without net bank): log in with NemID, then the same steps in
 * the guide's other order. Rules: the NemID `state` is random, kept in a signed HttpOnly cookie and
 * compared in constant time; the code is redeemed in-process, once; a person with a complete MitID
 * is refused, one with an enrollment under way resumes it in this browser.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MITID_DK_CLIENT_ID, mitidDkCallback } from '../../../core/clients/index.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { sameSecret } from '../../../platform/sameSecret.ts';
import { redeemNemidCode } from '../../nemid/index.ts';
import { sha256 } from '../EnrollmentStore.ts';
import { type EnrollmentContext, setBinding, stepUrl } from './enrollmentContext.ts';

const STATE_COOKIE = 'mitid_dk_state';

export function registerMitidDkStart(app: FastifyInstance, ctx: EnrollmentContext): void {
  const { deps } = ctx;
  const callback = mitidDkCallback(deps.config);

  const failed = (
    req: FastifyRequest,
    reply: FastifyReply,
    title: 'mitid.enroll.failedTitle' | 'mitid.enroll.alreadyTitle',
    text: 'mitid.enroll.failed' | 'mitid.enroll.already',
    status: number,
  ) => {
    const t = req.t;
    return reply.page(
      t(title),
      html`<h1>${t(title)}</h1><p>${t(text)}</p><p><a href="/">${t('mitid.enroll.startAgain')}</a></p>`,
      { status },
    );
  };

  app.get(
    '/tilmelding/mitid-dk',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const state = deps.random.token(24);
      reply.setCookie(STATE_COOKIE, state, {
        path: '/tilmelding',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.secure,
        signed: true,
        maxAge: 600,
      });
      const url = new URL('/nemid/authorize', deps.config.mitidUrl);
      url.searchParams.set('client_id', MITID_DK_CLIENT_ID);
      url.searchParams.set('redirect_uri', callback);
      url.searchParams.set('state', state);
      url.searchParams.set('lang', req.lang);
      return reply.redirect(`${url.pathname}${url.search}`, 303);
    },
  );

  app.get(
    '/tilmelding/nemid-retur',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const raw = req.cookies[STATE_COOKIE];
      const expected = raw ? req.unsignCookie(raw) : undefined;
      reply.clearCookie(STATE_COOKIE, { path: '/tilmelding' });
      const state = typeof q.state === 'string' && q.state.length <= 200 ? q.state : '';
      const code = typeof q.code === 'string' && q.code.length <= 200 ? q.code : '';
      if (!expected?.valid || !expected.value || !sameSecret(state, expected.value) || !code) {
        return failed(req, reply, 'mitid.enroll.failedTitle', 'mitid.enroll.failed', 400);
      }
      const now = deps.clock.now().getTime();
      const person = await redeemNemidCode(deps.db, now, MITID_DK_CLIENT_ID, callback, code);
      if (!person) return failed(req, reply, 'mitid.enroll.failedTitle', 'mitid.enroll.failed', 400);
      if (!(await ctx.enrollments.openFor(person.cpr)) && (await ctx.hasMitid(person.cpr))) {
        return failed(req, reply, 'mitid.enroll.alreadyTitle', 'mitid.enroll.already', 409);
      }
      const binding = deps.random.token(32);
      const { enrollment } = await ctx.enrollments.start(
        { cpr: person.cpr, route: 'mitid', identifiedBy: person.method, browserHash: sha256(binding) },
        now,
        ctx.newId(),
      );
      // A resumed enrollment (e.g. one started through a bank) is re-bound to this browser by start().
      setBinding(ctx, reply, binding);
      req.log.info({ enrollmentId: enrollment.id }, 'enrollment started on MitID.dk');
      return reply.redirect(stepUrl(enrollment), 303);
    },
  );
}
