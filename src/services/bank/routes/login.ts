/**
 * The front page, logging in to Min Bank with NemID, and logging out.
 * Customers log in with MitID (mitidLogin.ts); NemID remains only for getting MitID, as the
 * citizen's guide has it ("Har du ikke MitID endnu? Log på med NemID for at få MitID").
 * Rules: the OAuth-style `state` is random, kept in a signed HttpOnly cookie and compared in
 * constant time; the code is exchanged over the back channel with the bank's secret; only known
 * customers get a session, and every login starts a fresh session id. Logging out also ends, at
 * MitID, the wizard that FÅ MITID NU handed over in this session: the next person at the browser
 * cannot carry on (if MitID does not answer, the wizard's own 15-minute idle limit still holds).
 * A MitID session is ended at MitID too: the browser goes to the broker's end-session endpoint
 * with the ID token, and comes back to the front page.
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { html } from '../../../platform/html/html.ts';
import { perAddress, perAddressMax } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import { sameSecret } from '../../../platform/sameSecret.ts';
import type { BankSession } from '../bankSession.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { authorizeUrl, exchangeCode, type NemidClientOptions, NemidLoginFailed } from '../nemidClient.ts';
import { endHandover, raClientOptions } from '../raClient.ts';
import { loginFailed } from './loginFailed.ts';

const STATE_COOKIE = 'minbank_login_state';

export function registerLogin(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
  mitid: RelyingParty,
): void {
  const nemid: NemidClientOptions = {
    mitidUrl: deps.config.mitidUrl,
    bankUrl: deps.config.bankUrl,
    clientSecret: deps.secrets.bankClientSecret,
  };
  const secure = deps.config.bankUrl.startsWith('https:');

  app.get('/', async (req, reply) => {
    if (await sessions.load(req)) return reply.redirect('/oversigt');
    const t = req.t;
    const loggedOut = (req.query as Record<string, unknown>).logget_af === '1';
    return reply.page(
      t('bank.home.title'),
      html`<h1>${t('bank.home.title')}</h1>
${loggedOut ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('bank.home.loggedOut')}</p></div></div>` : ''}
<div class="bank-card">
  <p>${t('bank.home.intro')}</p>
  <p><a class="button button-primary" href="/login/mitid">${t('bank.home.loginMitid')}</a></p>
  <p>${t('bank.home.noMitidYet')} <a href="/login">${t('bank.home.login')}</a> ${t('bank.home.toGetMitid')}</p>
</div>`,
    );
  });

  app.get('/login', { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    const state = deps.random.token(24);
    reply.setCookie(STATE_COOKIE, state, {
      path: '/auth/nemid',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(authorizeUrl(nemid, state, req.lang));
  });

  app.get(
    '/auth/nemid/callback',
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const t = req.t;
      const q = req.query as Record<string, unknown>;
      const fail = (
        messageId: 'bank.login.failed' | 'bank.login.cancelled' | 'bank.login.notCustomer',
        status: number,
      ) => loginFailed(reply, t, messageId, status, '/login');

      const raw = req.cookies[STATE_COOKIE];
      const expected = raw ? req.unsignCookie(raw) : undefined;
      reply.clearCookie(STATE_COOKIE, { path: '/auth/nemid' });
      const state = typeof q.state === 'string' && q.state.length <= 200 ? q.state : '';
      if (!expected?.valid || !expected.value || !sameSecret(state, expected.value)) {
        return fail('bank.login.failed', 400);
      }
      if (q.error !== undefined) return fail('bank.login.cancelled', 400);
      const code = typeof q.code === 'string' && q.code.length <= 200 ? q.code : '';
      if (!code) return fail('bank.login.failed', 400);

      let identity: Awaited<ReturnType<typeof exchangeCode>>;
      try {
        identity = await exchangeCode(nemid, code);
      } catch (err) {
        if (!(err instanceof NemidLoginFailed)) req.log.error({ err }, 'NemID token exchange failed');
        else req.log.info({ reason: err.message }, 'NemID login refused');
        return fail('bank.login.failed', 400);
      }
      const customer = await customers.getByCpr(identity.cpr);
      if (!customer) return fail('bank.login.notCustomer', 403);
      await sessions.start(req, reply, {
        cpr: customer.cpr,
        name: customer.name,
        loggedInAt: deps.clock.now().getTime(),
        method: identity.method,
        mitidLater: false,
      });
      req.log.info({ customerNo: customer.customer_no }, 'customer logged in');
      return reply.redirect('/oversigt');
    },
  );

  app.post('/logout', async (req, reply) => {
    const session = await sessions.load(req);
    if (session?.mitidEnrollmentId) {
      await endHandover(raClientOptions(deps), session.mitidEnrollmentId).catch((err: unknown) => {
        req.log.warn({ err }, 'MitID did not take the logout; the wizard ends when idle');
      });
    }
    await sessions.end(req, reply);
    if (session?.method === 'mitid') {
      const endSession = await mitid.endSessionUrl(session.idToken, `${deps.config.bankUrl}/`);
      if (endSession) return reply.redirect(endSession, 303);
      req.log.warn('MitID cannot be reached to end its session; the bank session is ended');
    }
    return reply.redirect('/?logget_af=1', 303);
  });
}
