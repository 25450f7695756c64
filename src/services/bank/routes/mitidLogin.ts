/**
 * Logging in to Min Bank with MitID, through the broker (src/services/bank/mitidLogin.ts).
 * Rules: only the browser that started a login can finish it, once (the relying party's state
 * cookie); the person cancelling, a replayed or foreign callback, a provider error and a person
 * who is not a customer each get a clear page and no session; a failure of the provider or of the
 * token checks is logged, never shown. A login starts a fresh session id and keeps the ID token,
 * so that the logout can end the MitID session too (login.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../config/deps.ts';
import { perAddress, perAddressMax } from '../../../platform/http/perAddress.ts';
import type { Sessions } from '../../../platform/http/session.ts';
import type { RelyingParty } from '../../../platform/oidc/relyingParty.ts';
import type { BankSession } from '../bankSession.ts';
import type { CustomerStore } from '../customerStore.ts';
import type { BankDb } from '../db/schema.ts';
import { cprOf, MITID_CALLBACK_PATH, mitidFactsOf, sidOf, signaturgruppenParams } from '../mitidLogin.ts';
import { afterLogin } from './cardDetails.ts';
import { loginFailed } from './loginFailed.ts';

const RETRY = '/login/mitid';

export function registerMitidLogin(
  app: FastifyInstance,
  deps: ServiceDeps<BankDb>,
  sessions: Sessions<BankSession>,
  customers: CustomerStore,
  mitid: RelyingParty,
): void {
  app.get(RETRY, { config: { rateLimit: perAddress('pages') } }, async (req, reply) => {
    let url: string;
    try {
      url = await mitid.begin(reply, signaturgruppenParams(req.lang));
    } catch (err) {
      req.log.error({ err }, 'MitID discovery failed');
      return loginFailed(reply, req.t, 'bank.login.mitidUnavailable', 503, RETRY);
    }
    return reply.redirect(url);
  });

  app.get(
    MITID_CALLBACK_PATH,
    { config: { rateLimit: { max: perAddressMax('pages'), timeWindow: 60_000 } } },
    async (req, reply) => {
      const t = req.t;
      const result = await mitid.complete(req, reply);
      if (!result.ok) {
        switch (result.reason) {
          case 'no_login':
            req.log.info('MitID callback without a login of this browser');
            return loginFailed(reply, t, 'bank.login.noLogin', 400, RETRY);
          case 'cancelled':
            return loginFailed(reply, t, 'bank.login.mitidCancelled', 400, RETRY);
          case 'refused':
            req.log.warn({ error: result.error }, 'MitID refused the login');
            return loginFailed(reply, t, 'bank.login.failed', 400, RETRY);
          case 'failed':
            req.log.error({ err: result.cause }, 'MitID login failed');
            return loginFailed(reply, t, 'bank.login.mitidUnavailable', 502, RETRY);
        }
      }
      const cpr = cprOf(result.userinfo);
      if (!cpr) {
        req.log.error('MitID userinfo without dk.cpr (is the ssn scope granted to minbank?)');
        return loginFailed(reply, t, 'bank.login.mitidUnavailable', 502, RETRY);
      }
      const customer = await customers.getByCpr(cpr);
      if (!customer) return loginFailed(reply, t, 'bank.login.notCustomerMitid', 403, RETRY);
      await sessions.start(
        req,
        reply,
        {
          cpr: customer.cpr,
          name: customer.name,
          loggedInAt: deps.clock.now().getTime(),
          method: 'mitid',
          mitidLater: false,
          idToken: result.idToken,
          ...mitidFactsOf(result.claims, result.userinfo),
        },
        sidOf(result.claims),
      );
      req.log.info({ customerNo: customer.customer_no }, 'customer logged in with MitID');
      return reply.redirect(
        afterLogin(req, reply, mitidFactsOf(result.claims, result.userinfo).loa) ?? '/oversigt',
      );
    },
  );
}
