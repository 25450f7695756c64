/**
 * Logging in to MitID.dk with MitID: MitID.dk is a client of its own provider at
 * `<MITID_URL>/op` (`mitid.dk-selfservice`, Signaturgruppen's dialect, code + PKCE over HTTP,
 * platform's RelyingParty), as any service is. Rules:
 * - only the browser that started a login finishes it, once (the relying party's state cookie);
 * - cancelling, a foreign or replayed callback, a provider failure and an identity not in use
 *   each get a clear page and no session; a failure's cause is logged, never shown;
 * - a login starts a fresh session id (no fixation) and keeps the ID token for the logout;
 * - "Log af" (a form, so CSRF-checked) ends the session here and sends the browser to /op's
 *   end-session endpoint (RP-initiated logout), which comes back to /selvbetjening/logget-af.
 */
import type { FastifyInstance } from 'fastify';
import { selfserviceLoggedOut } from '../../core/clients/index.ts';
import { IdentityStore } from '../../core/identity/index.ts';
import { t } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/types.ts';
import { html } from '../../platform/html/html.ts';
import { perAddress } from '../../platform/http/perAddress.ts';
import { BASE, LOGIN_PATH, messagePage, type SelfserviceContext } from './SelfserviceContext.ts';

export const CALLBACK_PATH = `${BASE}/callback`;
const LOGOUT_PATH = `${BASE}/log-af`;
const LOGGED_OUT_PATH = `${BASE}/logget-af`;

/** Signaturgruppen's parameters: reference text "Log på MitID.dk", level substantial. */
export function selfserviceParams(lang: Lang): Record<string, string> {
  return {
    scope: 'openid mitid',
    idp_values: 'mitid',
    idp_params: JSON.stringify({
      mitid: {
        reference_text: Buffer.from(t(lang, 'selfservice.referenceText'), 'utf8').toString('base64'),
        action_text: 'LOG_ON',
        loa_value: 'substantial',
      },
    }),
    language: lang,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerLoginRoutes(app: FastifyInstance, ctx: SelfserviceContext): void {
  const failed = (
    req: Parameters<typeof messagePage>[0],
    reply: Parameters<typeof messagePage>[1],
    text: string,
    status: number,
  ) =>
    messagePage(req, reply, req.t('selfservice.login.failedTitle'), text, status, {
      href: LOGIN_PATH,
      label: req.t('selfservice.loginAgain'),
    });

  app.get(LOGIN_PATH, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    let url: string;
    try {
      url = await ctx.rp.begin(reply, selfserviceParams(req.lang));
    } catch (err) {
      req.log.error({ err }, 'self-service: discovery of /op failed');
      return failed(req, reply, req.t('selfservice.login.unavailable'), 503);
    }
    return reply.redirect(url);
  });

  app.get(CALLBACK_PATH, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const result = await ctx.rp.complete(req, reply);
    if (!result.ok) {
      switch (result.reason) {
        case 'no_login':
          return failed(req, reply, req.t('selfservice.login.noLogin'), 400);
        case 'cancelled':
          return failed(req, reply, req.t('selfservice.login.cancelled'), 400);
        case 'refused':
          req.log.warn({ error: result.error }, 'self-service: /op refused the login');
          return failed(req, reply, req.t('selfservice.login.unavailable'), 400);
        case 'failed':
          req.log.error({ err: result.cause }, 'self-service: login failed');
          return failed(req, reply, req.t('selfservice.login.unavailable'), 502);
      }
    }
    const uuid = result.userinfo['mitid.uuid'];
    if (typeof uuid !== 'string' || !UUID.test(uuid)) {
      req.log.error('self-service: userinfo without mitid.uuid');
      return failed(req, reply, req.t('selfservice.login.unavailable'), 502);
    }
    const identity = await new IdentityStore(ctx.deps.db).getById(uuid.toLowerCase());
    if (identity?.status !== 'active') {
      return failed(req, reply, req.t('selfservice.login.notInUse'), 403);
    }
    await ctx.sessions.start(req, reply, {
      identityId: identity.id,
      idToken: result.idToken,
      loggedInAt: ctx.deps.clock.now().getTime(),
    });
    req.log.info({ identityId: identity.id }, 'self-service: logged in');
    return reply.redirect(BASE, 303);
  });

  app.post(LOGOUT_PATH, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const session = await ctx.sessions.load(req);
    await ctx.sessions.end(req, reply);
    const url = await ctx.rp.endSessionUrl(session?.idToken, selfserviceLoggedOut(ctx.deps.config));
    return reply.redirect(url ?? LOGGED_OUT_PATH, 303);
  });

  app.get(LOGGED_OUT_PATH, async (req, reply) =>
    reply.page(
      req.t('selfservice.loggedOut.title'),
      html`<h1>${req.t('selfservice.loggedOut.title')}</h1>
<p>${req.t('selfservice.loggedOut.text')}</p>
<p><a class="button button-primary" href="${LOGIN_PATH}">${req.t('selfservice.loginAgain')}</a></p>`,
    ),
  );
}
