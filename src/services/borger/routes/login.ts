/**
 * Borger's front page, its MitID login and its logout.
 * Rules: only the browser that started a login can finish it, once (the relying party's state
 * cookie); the person cancelling, a replayed or foreign callback and a provider error each get a
 * clear page and no session; a failure of the provider or of the token checks is logged, never
 * shown. A login starts a fresh session id. Logging out ends the session here and, with the ID
 * token, MitID's session (Idura's logout endpoint), which sends the browser back to the front page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import type { MessageId, T } from '../../../i18n/catalogue.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddress, perAddressMax } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { BorgerSession } from '../borgerSession.ts';
import type { BorgerDb } from '../db/schema.ts';
import { CALLBACK_PATH, iduraParams, sessionOf } from '../mitidLogin.ts';

function failed(reply: FastifyReply, t: T, messageId: MessageId, status: number): FastifyReply {
  return reply.page(
    t('borger.login.failedTitle'),
    html`<h1>${t('borger.login.failedTitle')}</h1>
<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${t(messageId)}</p></div></div>
<p><a class="button button-primary" href="/login">${t('borger.login.tryAgain')}</a></p>`,
    { status },
  );
}

export function registerLogin(
  app: FastifyInstance,
  deps: ServiceDeps<BorgerDb>,
  sessions: Sessions<BorgerSession>,
  mitid: RelyingParty,
): void {
  app.get('/', async (req, reply) => {
    if (await sessions.load(req)) return reply.redirect('/oplysninger');
    const t = req.t;
    const loggedOut = (req.query as Record<string, unknown>).logget_af === '1';
    return reply.page(
      t('borger.home.title'),
      html`<h1>${t('borger.home.title')}</h1>
${loggedOut ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('borger.home.loggedOut')}</p></div></div>` : ''}
<div class="borger-card">
  <p>${t('borger.home.intro')}</p>
  <a class="button button-primary" href="/login">${t('borger.home.login')}</a>
</div>`,
    );
  });

  app.get('/login', { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    let url: string;
    try {
      url = await mitid.begin(reply, iduraParams(req.lang));
    } catch (err) {
      req.log.error({ err }, 'MitID discovery failed');
      return failed(reply, req.t, 'borger.login.unavailable', 503);
    }
    return reply.redirect(url);
  });

  app.get(
    CALLBACK_PATH,
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const t = req.t;
      const result = await mitid.complete(req, reply);
      if (!result.ok) {
        switch (result.reason) {
          case 'no_login':
            req.log.info('MitID callback without a login of this browser');
            return failed(reply, t, 'borger.login.noLogin', 400);
          case 'cancelled':
            return failed(reply, t, 'borger.login.cancelled', 400);
          case 'refused':
            req.log.warn({ error: result.error }, 'MitID refused the login');
            return failed(reply, t, 'borger.login.failed', 400);
          case 'failed':
            req.log.error({ err: result.cause }, 'MitID login failed');
            return failed(reply, t, 'borger.login.unavailable', 502);
        }
      }
      const session = sessionOf(result.claims, result.userinfo, result.idToken, deps.clock.now().getTime());
      const sid = result.claims.sid;
      await sessions.start(
        req,
        reply,
        session,
        typeof sid === 'string' && sid.length <= 200 ? { mitidSid: sid } : {},
      );
      req.log.info('person logged in with MitID');
      return reply.redirect('/oplysninger');
    },
  );

  app.post('/logout', async (req, reply) => {
    const session = await sessions.load(req);
    await sessions.end(req, reply);
    if (session) {
      const endSession = await mitid.endSessionUrl(session.idToken, `${deps.config.borgerUrl}/`);
      if (endSession) return reply.redirect(endSession, 303);
      req.log.warn('MitID cannot be reached to end its session; the Borger session is ended');
    }
    return reply.redirect('/?logget_af=1', 303);
  });
}
